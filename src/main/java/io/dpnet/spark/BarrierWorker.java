package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.train.ShardGradient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The task end of a {@link BarrierSession}: connects to the driver, proves it belongs to this training with the
 * session's token, then for every step it is sent computes its shards' sums for those weights and sends them back,
 * until the driver says the epoch is over.
 */
final class BarrierWorker {
    static final int END = -1;
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    /** A safety net only: the driver answers within a step's time, and closes the socket when it gives up. */
    private static final int READ_TIMEOUT_MS = 30 * 60_000;
    static final int BUFFER = 1 << 16;

    private BarrierWorker() {
    }

    static Iterator<Integer> run(scala.collection.Iterator<ShardGradient> partition, String host, int port,
                                 byte[] token, int epoch, int paramCount, Precision precision) {
        List<ShardGradient> shards = new ArrayList<>(CollectionConverters.asJava(partition.toSeq()));
        BarrierTaskContext context = BarrierTaskContext.get();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
            out.write(token);
            out.writeInt(context.partitionId());
            out.flush();
            Wire wire = new Wire(paramCount, precision);
            double[] params = new double[paramCount];
            for (int step = in.readInt(); step != END; step = in.readInt()) {
                wire.readValues(in, params);
                context.killTaskIfInterrupted();
                out.writeInt(shards.size());
                for (ShardGradient shard : shards) {
                    wire.writeSums(out, shard.sums(params, epoch, step));
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("barrier exchange with the driver at " + host + ":" + port + " failed: "
                    + e.getMessage(), e);
        }
        return List.of(context.partitionId()).iterator();
    }
}
