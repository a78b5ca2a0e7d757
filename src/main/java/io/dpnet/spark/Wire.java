package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.train.StepSums;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Vectors and step sums on the barrier exchange's sockets, as raw bytes through a reused buffer, each value in the
 * run's precision: 4 bytes under float32, whose vectors hold float32 values only (the trainer and the shards round
 * them), so nothing is lost. Little-endian, the byte order of the machines Spark runs on.
 */
final class Wire {
    private final Precision precision;
    private final byte[] bytes;
    private final ByteBuffer buffer;

    Wire(int maxValues, Precision precision) {
        this.precision = precision;
        this.bytes = new byte[Math.multiplyExact(maxValues, precision.bytes())];
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    void writeValues(DataOutputStream out, double[] values) throws IOException {
        buffer.clear();
        if (precision == Precision.FLOAT32) {
            FloatBuffer floats = buffer.asFloatBuffer();
            for (double v : values) {
                floats.put((float) v);
            }
        } else {
            buffer.asDoubleBuffer().put(values);
        }
        out.write(bytes, 0, values.length * precision.bytes());
    }

    void readValues(DataInputStream in, double[] values) throws IOException {
        in.readFully(bytes, 0, values.length * precision.bytes());
        buffer.clear();
        if (precision == Precision.FLOAT32) {
            FloatBuffer floats = buffer.asFloatBuffer();
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        } else {
            DoubleBuffer doubles = buffer.asDoubleBuffer();
            doubles.get(values);
        }
    }

    void writeSums(DataOutputStream out, StepSums sums) throws IOException {
        out.writeDouble(sums.loss);
        out.writeLong(sums.count);
        out.writeLong(sums.correct);
        out.writeLong(sums.computeNanos);
        writeValues(out, sums.vector);
    }

    /** Reads sums into {@code into}, whose vector has the sender's length. */
    void readSums(DataInputStream in, StepSums into) throws IOException {
        into.loss = in.readDouble();
        into.count = in.readLong();
        into.correct = in.readLong();
        into.computeNanos = in.readLong();
        readValues(in, into.vector);
    }
}
