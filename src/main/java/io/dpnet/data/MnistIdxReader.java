package io.dpnet.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Reads MNIST-style IDX image and label files, gzip or raw (told apart by their first bytes), on any Hadoop FS. */
public final class MnistIdxReader {
    /** Base names of the standard files: train images, train labels, test images, test labels. */
    public static final List<String> STANDARD_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** Opens a location named by a string, so that files and class-path resources go through the same parsing. */
    @FunctionalInterface
    interface StreamOpener {
        SizedInput open(String location) throws IOException;
    }

    private record Images(DataBlock block, int rows, int cols) {
    }

    private final Configuration conf;
    private final HeapRoom room;

    public MnistIdxReader() {
        this(new Configuration());
    }

    /** A reader that holds what it reads in this JVM, whose heap must have room for it. */
    public MnistIdxReader(Configuration conf) {
        this(conf, HeapRoom.driver());
    }

    MnistIdxReader(Configuration conf, HeapRoom room) {
        this.conf = conf;
        this.room = room;
    }

    /** Reads an images file (magic 2051) and its labels file (magic 2049) into one block of pixel samples. */
    public DataBlock read(String images, String labels) throws IOException {
        return readPair(images, labels, this::open, room).block();
    }

    /** Reads a directory holding the four {@link #STANDARD_FILES}, each with or without a {@code .gz} suffix. */
    public MnistData readDirectory(String directory) throws IOException {
        return readStandardFiles(locate(directory, STANDARD_FILES), this::open, room);
    }

    /** Reads only the test files (t10k) of such a directory: what evaluating or predicting needs. */
    public DataBlock readTestSet(String directory) throws IOException {
        List<String> files = locate(directory, STANDARD_FILES.subList(2, 4));
        return read(files.get(0), files.get(1));
    }

    /** Where each of {@code names} is in {@code directory}, gzip or raw; all missing ones named in one error. */
    private List<String> locate(String directory, List<String> names) throws IOException {
        Path dir = new Path(directory);
        if (!DataFiles.isDirectory(dir, conf)) {
            throw new FileNotFoundException(directory + ": no such directory");
        }
        List<String> locations = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Path gzip = new Path(dir, name + ".gz");
            Path raw = new Path(dir, name);
            if (DataFiles.isFile(gzip, conf)) {
                locations.add(gzip.toString());
            } else if (DataFiles.isFile(raw, conf)) {
                locations.add(raw.toString());
            } else {
                missing.add(name + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException(directory + ": missing MNIST file(s) " + String.join(", ", missing));
        }
        return locations;
    }

    private SizedInput open(String location) throws IOException {
        return DataFiles.openSized(location, conf);
    }

    /** Reads the four standard files at {@code locations} (in {@link #STANDARD_FILES} order) into {@code room}. */
    static MnistData readStandardFiles(List<String> locations, StreamOpener opener, HeapRoom room)
            throws IOException {
        Images train = readPair(locations.get(0), locations.get(1), opener, room);
        Images test = readPair(locations.get(2), locations.get(3), opener, room);
        if (test.rows() != train.rows() || test.cols() != train.cols()) {
            throw new InvalidDataException(locations.get(2) + ": images are " + test.rows() + "x" + test.cols()
                    + " but the training images in " + locations.get(0) + " are " + train.rows() + "x" + train.cols());
        }
        return new MnistData(train.block(), test.block(), train.rows(), train.cols());
    }

    private static Images readPair(String images, String labels, StreamOpener opener, HeapRoom room)
            throws IOException {
        IdxFormat.Images pixels;
        try (SizedInput in = opener.open(images)) {
            pixels = IdxFormat.readImages(in, images, room);
        }
        int[] classes;
        try (SizedInput in = opener.open(labels)) {
            classes = IdxFormat.readLabels(in, labels, room);
        }
        if (pixels.count() != classes.length) {
            throw new InvalidDataException(images + " has " + pixels.count() + " images but " + labels + " has "
                    + classes.length + " labels");
        }
        if (classes.length == 0) {
            throw new InvalidDataException(images + ": no images (the header count is 0)");
        }
        DataBlock block = DataBlock.ofPixels(pixels.pixels(), pixels.rows() * pixels.cols(), classes);
        return new Images(block, pixels.rows(), pixels.cols());
    }
}
