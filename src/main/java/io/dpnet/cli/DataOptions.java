package io.dpnet.cli;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.CsvReader;
import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.LibsvmReader;
import io.dpnet.data.MnistData;
import io.dpnet.data.MnistIdxReader;
import io.dpnet.data.ShardManifest;
import io.dpnet.ml.DataFrameData;
import io.dpnet.nn.NetworkSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/**
 * Where the samples come from: the bundled digits, a folder of MNIST IDX files, a sharded set written by generate,
 * or a CSV or LIBSVM file.
 */
final class DataOptions {

    enum Format {
        AUTO, IDX, SHARDS, CSV, LIBSVM, PARQUET, ORC, JSON;

        /** Read through Spark SQL as a DataFrame with a vector features column and a numeric label column. */
        boolean isDataFrame() {
            return this == PARQUET || this == ORC || this == JSON;
        }
    }

    @Option(names = "--data", paramLabel = "URI",
            description = "A folder holding the four MNIST IDX files, a sharded set written by generate, or a CSV "
                    + "or LIBSVM file (default: the digit subset bundled in the jar).")
    String data;

    @Option(names = "--test-data", paramLabel = "URI",
            description = "Test set for a sharded, CSV or LIBSVM --data: an IDX folder (its test files) or a CSV or "
                    + "LIBSVM file. An IDX --data folder brings its own.")
    String testData;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            converter = FormatConverter.class,
            description = "idx, shards, csv, libsvm, parquet, orc, json or auto (a folder with a shard manifest is "
                    + "shards, one with .parquet files parquet, another idx; by extension otherwise). "
                    + "Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--features-col", paramLabel = "NAME", defaultValue = "features",
            description = "Parquet, ORC, JSON: the column of feature vectors. Default: ${DEFAULT-VALUE}.")
    String featuresCol;

    @Option(names = "--label-col", paramLabel = "NAME", defaultValue = "label",
            description = "Parquet, ORC, JSON: the numeric label column. Default: ${DEFAULT-VALUE}.")
    String labelCol;

    /**
     * A training set with an optional test set, each with a name for messages. A sharded training set is not read
     * here but where it will be cached: then {@code train} is null and {@code shards} describes it.
     */
    record Sets(DataBlock train, String trainName, DataBlock test, String testName, ShardManifest shards,
                Dataset<Row> frame) {
        Sets(DataBlock train, String trainName, DataBlock test, String testName) {
            this(train, trainName, test, testName, null, null);
        }

        /** Samples to train on; -1 for a DataFrame, counted only when packed. */
        long trainCount() {
            return shards != null ? shards.totalCount() : frame != null ? -1 : train.size();
        }
    }

    /**
     * Loads the sets for {@code network} (LIBSVM files may not reach its input size); DataFrame sources start
     * {@code spark} to be read, everything else is read before it starts.
     */
    Sets load(NetworkSpec network, Configuration conf, LazySpark spark) throws IOException {
        int featureCount = network.inputSize();
        if (data == null) {
            if (testData != null) {
                throw new IllegalArgumentException("--test-data needs --data");
            }
            checkNoFormat();
            MnistData mnist = BundledMnist.load();
            return new Sets(mnist.train(), "bundled MNIST subset (training)", mnist.test(),
                    "bundled MNIST subset (test)");
        }
        Format f = resolve(data, conf);
        if (f == Format.SHARDS) {
            ShardManifest manifest = IdxShards.validate(data, conf);
            if ((long) manifest.rows() * manifest.cols() != featureCount) {
                throw new IllegalArgumentException(data + " holds " + manifest.rows() + "x" + manifest.cols()
                        + " images, " + (long) manifest.rows() * manifest.cols() + " values, but the network takes "
                        + featureCount);
            }
            DataBlock test = testData == null ? null : readTestSet(testData, conf, network, spark);
            return new Sets(null, data + " (" + manifest.shardCount() + " shards)", test, testData, manifest, null);
        }
        if (f.isDataFrame()) {
            DataBlock test = testData == null ? null : readTestSet(testData, conf, network, spark);
            return new Sets(null, data, test, testData, null, frame(data, f, spark));
        }
        if (f == Format.IDX) {
            if (testData != null) {
                throw new IllegalArgumentException("--test-data is for CSV and LIBSVM data; an IDX folder holds "
                        + "its test set");
            }
            MnistData mnist = new MnistIdxReader(conf).readDirectory(data);
            return new Sets(mnist.train(), data + " (training)", mnist.test(), data + " (test)");
        }
        DataBlock test = testData == null ? null : readTestSet(testData, conf, network, spark);
        return new Sets(readFile(data, f, conf, featureCount), data, test, testData);
    }

    /** A test set: the test files of an IDX folder, a CSV or LIBSVM file, or a DataFrame source. */
    private DataBlock readTestSet(String location, Configuration conf, NetworkSpec network, LazySpark spark)
            throws IOException {
        Format f = resolve(location, conf);
        if (f.isDataFrame()) {
            return DataFrameData.collect(frame(location, f, spark), featuresCol, labelCol, network);
        }
        if (f == Format.IDX || f == Format.SHARDS) {
            return new MnistIdxReader(conf).readTestSet(location);
        }
        return readFile(location, f, conf, network.inputSize());
    }

    private static Dataset<Row> frame(String location, Format f, LazySpark spark) {
        return spark.session().read().format(f.name().toLowerCase(Locale.ROOT)).load(location);
    }

    /** Without --data the bundled digits are read, whose format is fixed: a --format then is a mistake. */
    private void checkNoFormat() {
        if (format != Format.AUTO) {
            throw new IllegalArgumentException("--format needs --data (the bundled digits have their own)");
        }
    }

    /** The one set to evaluate or predict on: the test set of a folder, or the file (or DataFrame) itself. */
    DataBlock loadOne(NetworkSpec network, Configuration conf, LazySpark spark) throws IOException {
        int featureCount = network.inputSize();
        if (testData != null) {
            throw new IllegalArgumentException("--test-data is for train; evaluate and predict take their data "
                    + "from --data");
        }
        if (data == null) {
            checkNoFormat();
            return BundledMnist.load().test();
        }
        Format f = resolve(data, conf);
        if (f == Format.SHARDS) {
            throw new IllegalArgumentException(data + " is a sharded training set; evaluate and predict take an IDX "
                    + "folder (its test files), a CSV or LIBSVM file, or a DataFrame source");
        }
        if (f.isDataFrame()) {
            return DataFrameData.collect(frame(data, f, spark), featuresCol, labelCol, network);
        }
        return f == Format.IDX ? new MnistIdxReader(conf).readTestSet(data) : readFile(data, f, conf, featureCount);
    }

    String describeOne() {
        return data == null ? "bundled MNIST subset (test)" : data;
    }

    private Format resolve(String location, Configuration conf) throws IOException {
        if (format != Format.AUTO) {
            return format;
        }
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(conf);
        if (fs.getFileStatus(path).isDirectory()) {
            if (IdxShards.isShardSet(location, conf)) {
                return Format.SHARDS;
            }
            // Spark writes a Parquet data set as a folder of part-*.parquet files.
            boolean parquet = Arrays.stream(fs.listStatus(path))
                    .anyMatch(st -> st.getPath().getName().endsWith(".parquet"));
            return parquet ? Format.PARQUET : Format.IDX;
        }
        String name = path.getName().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        for (Format dataFrame : List.of(Format.PARQUET, Format.ORC, Format.JSON)) {
            if (name.endsWith("." + dataFrame.name().toLowerCase(Locale.ROOT))) {
                return dataFrame;
            }
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".libsvm") || name.endsWith(".svm") || name.endsWith(".txt")) {
            return Format.LIBSVM;
        }
        throw new IllegalArgumentException("cannot tell the format of " + location
                + " from its name; give --format (idx, shards, csv, libsvm, parquet, orc or json)");
    }

    private static DataBlock readFile(String location, Format f, Configuration conf, int featureCount)
            throws IOException {
        switch (f) {
            case CSV:
                return new CsvReader(conf).read(location);
            case LIBSVM:
                return new LibsvmReader(conf).withFeatureCount(featureCount).read(location);
            default:
                throw new IllegalArgumentException(location + " is a file; --format idx takes a folder holding the "
                        + "four MNIST files");
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("invalid format '" + value
                        + "' (expected idx, shards, csv, libsvm, parquet, orc, json or auto)");
            }
        }
    }
}
