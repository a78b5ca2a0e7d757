package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.train.StepSums;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Vectors, their chunks and step sums' scalars on the barrier exchange's sockets, as raw bytes through a reused buffer,
 * each value in the run's precision: 4 bytes under float32, whose vectors hold float32 values only (the trainer, the
 * shards and the ring round them), so nothing is lost. Little-endian, the byte order of the machines Spark runs on.
 * One per thread: the buffer is shared by its calls.
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
        writeRange(out, values, 0, values.length);
    }

    void readValues(DataInputStream in, double[] values) throws IOException {
        readRange(in, values, 0, values.length);
    }

    /** Values [from, to) of {@code values}. */
    void writeRange(DataOutputStream out, double[] values, int from, int to) throws IOException {
        buffer.clear();
        if (precision == Precision.FLOAT32) {
            FloatBuffer floats = buffer.asFloatBuffer();
            for (int i = from; i < to; i++) {
                floats.put((float) values[i]);
            }
        } else {
            buffer.asDoubleBuffer().put(values, from, to - from);
        }
        out.write(bytes, 0, (to - from) * precision.bytes());
    }

    /** Into values [from, to) of {@code values}. */
    void readRange(DataInputStream in, double[] values, int from, int to) throws IOException {
        in.readFully(bytes, 0, (to - from) * precision.bytes());
        buffer.clear();
        if (precision == Precision.FLOAT32) {
            FloatBuffer floats = buffer.asFloatBuffer();
            for (int i = from; i < to; i++) {
                values[i] = floats.get(i - from);
            }
        } else {
            buffer.asDoubleBuffer().get(values, from, to - from);
        }
    }

    /** Arrays (an optimizer's state), each as its length and then its values; none longer than this wire's. */
    void writeArrays(DataOutputStream out, double[][] arrays) throws IOException {
        out.writeInt(arrays.length);
        for (double[] values : arrays) {
            out.writeInt(values.length);
            writeValues(out, values);
        }
    }

    /** {@code count} arrays as {@link #writeArrays} wrote them. */
    double[][] readArrays(DataInputStream in, int count) throws IOException {
        int arrays = in.readInt();
        if (arrays != count) {
            throw new IOException(arrays + " arrays sent where " + count + " were expected");
        }
        double[][] values = new double[arrays][];
        for (int i = 0; i < arrays; i++) {
            int length = in.readInt();
            if (length < 0 || (long) length * precision.bytes() > bytes.length) {
                throw new IOException("an array of " + length + " values sent, more than " + capacity() + " fit");
            }
            values[i] = new double[length];
            readValues(in, values[i]);
        }
        return values;
    }

    private int capacity() {
        return bytes.length / precision.bytes();
    }

    /** The loss, counts and compute time of {@code sums}, without the vector. */
    static void writeScalars(DataOutputStream out, StepSums sums) throws IOException {
        out.writeDouble(sums.loss);
        out.writeLong(sums.count);
        out.writeLong(sums.correct);
        out.writeLong(sums.computeNanos);
    }

    static void readScalars(DataInputStream in, StepSums into) throws IOException {
        into.loss = in.readDouble();
        into.count = in.readLong();
        into.correct = in.readLong();
        into.computeNanos = in.readLong();
    }
}
