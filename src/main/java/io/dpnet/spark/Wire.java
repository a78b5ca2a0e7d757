package io.dpnet.spark;

import io.dpnet.train.StepSums;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Doubles and step sums on the barrier exchange's sockets, as raw bytes through a reused buffer. Little-endian, the
 * byte order of the machines Spark runs on, so that the conversion is a plain copy.
 */
final class Wire {
    private final byte[] bytes;
    private final ByteBuffer buffer;

    Wire(int maxDoubles) {
        this.bytes = new byte[maxDoubles * Double.BYTES];
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        buffer.clear();
        buffer.asDoubleBuffer().put(values);
        out.write(bytes, 0, values.length * Double.BYTES);
    }

    void readDoubles(DataInputStream in, double[] values) throws IOException {
        in.readFully(bytes, 0, values.length * Double.BYTES);
        buffer.clear();
        buffer.asDoubleBuffer().get(values);
    }

    void writeSums(DataOutputStream out, StepSums sums) throws IOException {
        out.writeDouble(sums.loss);
        out.writeLong(sums.count);
        out.writeLong(sums.correct);
        out.writeLong(sums.computeNanos);
        writeDoubles(out, sums.vector);
    }

    /** Reads sums into {@code into}, whose vector has the sender's length. */
    void readSums(DataInputStream in, StepSums into) throws IOException {
        into.loss = in.readDouble();
        into.count = in.readLong();
        into.correct = in.readLong();
        into.computeNanos = in.readLong();
        readDoubles(in, into.vector);
    }
}
