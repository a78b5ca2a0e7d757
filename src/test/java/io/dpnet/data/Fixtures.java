package io.dpnet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Test data: the fixture files under src/test/resources/io/dpnet/data and IDX files made on the fly. */
final class Fixtures {
    private Fixtures() {
    }

    /** The local file path of a fixture, e.g. {@code "csv/ragged.csv"}. */
    static String path(String name) {
        URL url = Fixtures.class.getResource("/io/dpnet/data/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An IDX images file: the header (magic, count, rows, cols) followed by {@code pixels}. */
    static byte[] idxImages(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows).putInt(cols)
                .put(pixels).array();
    }

    /** An IDX labels file holding {@code labels}, one byte each. */
    static byte[] idxLabels(int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length).putInt(2049).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    /** {@code count} images of {@code rows x cols} whose pixel values count up from 0 (mod 256). */
    static byte[] idxImages(int count, int rows, int cols) {
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        return idxImages(2051, count, rows, cols, pixels);
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeGzip(Path file, byte[] content) {
        return write(file, gzip(content));
    }

    static Path writeText(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
