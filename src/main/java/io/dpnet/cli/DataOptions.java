package io.dpnet.cli;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.CsvReader;
import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.LibsvmReader;
import io.dpnet.data.MnistData;
import io.dpnet.data.MnistIdxReader;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.ValidationSplit;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.spark.DataFrames;
import io.dpnet.spark.TestSet;
import io.dpnet.spark.TrainingData;
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
 * a CSV or LIBSVM file, or a DataFrame source (Parquet, ORC, JSON).
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
            description = "A folder holding the four MNIST IDX files, a sharded set written by generate, a CSV "
                    + "or LIBSVM file, or Parquet, ORC or JSON data (default: the digit subset bundled in the jar).")
    String data;

    @Option(names = "--test-data", paramLabel = "URI",
            description = "Test set for any --data but an IDX folder (which brings its own): an IDX folder (its test "
                    + "files), a CSV or LIBSVM file, or Parquet, ORC or JSON data.")
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

    /** What to train on, the test set to evaluate after every epoch and the validation set (each null for none). */
    record Sets(TrainingData train, TestSet test, TestSet validation) {
    }

    /**
     * Where validation samples come from: {@code fraction} of the training data, drawn with {@code seed}, or the set
     * at {@code location}; both null for none.
     */
    record Holdout(Double fraction, String location, long seed) {
        static final Holdout NONE = new Holdout(null, null, 0);

        Holdout {
            if (fraction != null && location != null) {
                throw new IllegalArgumentException("give --validation-split or --validation-data, not both");
            }
            if (fraction != null) {
                ValidationSplit.checkFraction(fraction);
            }
        }
    }

    /**
     * The sets for {@code network} (LIBSVM files may not reach its input size); a sharded set is streamed at every
     * epoch about {@code streamWindow} samples at a time when that is not null, else cached. DataFrame sources start
     * {@code spark} to be read, everything else is read before it starts.
     */
    Sets load(NetworkSpec network, Configuration conf, LazySpark spark, Integer streamWindow, Holdout holdout)
            throws IOException {
        if (data == null) {
            if (testData != null) {
                throw new IllegalArgumentException("--test-data needs --data");
            }
            checkNoFormat();
            checkNoStream(streamWindow);
            MnistData mnist = BundledMnist.load();
            return held(mnist.train(), "bundled MNIST subset (training)",
                    new TestSet(mnist.test(), "bundled MNIST subset (test)"), holdout, conf, network, spark);
        }
        Format f = resolve(data, conf);
        if (f == Format.IDX) {
            if (testData != null) {
                throw new IllegalArgumentException("--test-data is for CSV and LIBSVM data; an IDX folder holds "
                        + "its test set");
            }
            checkNoStream(streamWindow);
            MnistData mnist = new MnistIdxReader(conf).readDirectory(data);
            return held(mnist.train(), data + " (training)", new TestSet(mnist.test(), data + " (test)"), holdout,
                    conf, network, spark);
        }
        TestSet test = testData == null ? null
                : new TestSet(readTestSet(testData, conf, network, spark), testData);
        if (f == Format.SHARDS) {
            if (holdout.fraction() != null) {
                throw new IllegalArgumentException("--validation-split takes data read whole (IDX, CSV, LIBSVM or a "
                        + "DataFrame source); for a sharded set, give --validation-data");
            }
            ShardManifest manifest = IdxShards.validate(data, conf);
            return new Sets(streamWindow == null ? TrainingData.shards(data, manifest)
                    : TrainingData.streamed(data, manifest, streamWindow), test,
                    validationData(holdout, conf, network, spark));
        }
        checkNoStream(streamWindow);
        if (!f.isDataFrame()) {
            return held(readFile(data, f, conf, network.inputSize()), data, test, holdout, conf, network, spark);
        }
        Dataset<Row> frame = frame(data, f, spark);
        if (holdout.fraction() == null) {
            return new Sets(TrainingData.frame(frame, featuresCol, labelCol, data), test,
                    validationData(holdout, conf, network, spark));
        }
        // Spark's own split: by row, seeded, as Spark ML's estimators split (it follows the DataFrame's partitions).
        double fraction = holdout.fraction();
        Dataset<Row>[] parts = frame.randomSplit(new double[] {1 - fraction, fraction}, holdout.seed());
        return new Sets(TrainingData.frame(parts[0], featuresCol, labelCol, data), test,
                new TestSet(DataFrames.collect(parts[1], featuresCol, labelCol, network), data + " (validation)"));
    }

    /** Training data held by the driver, less the validation split if one is asked for. */
    private Sets held(DataBlock train, String name, TestSet test, Holdout holdout, Configuration conf,
                      NetworkSpec network, LazySpark spark) throws IOException {
        if (holdout.fraction() == null) {
            return new Sets(TrainingData.of(train, name), test, validationData(holdout, conf, network, spark));
        }
        ValidationSplit split = ValidationSplit.of(train, holdout.fraction(), holdout.seed());
        return new Sets(TrainingData.of(split.train(), name), test,
                new TestSet(split.validation(), name + ", validation split"));
    }

    private TestSet validationData(Holdout holdout, Configuration conf, NetworkSpec network, LazySpark spark)
            throws IOException {
        return holdout.location() == null ? null
                : new TestSet(readTestSet(holdout.location(), conf, network, spark), holdout.location());
    }

    private static void checkNoStream(Integer streamWindow) {
        if (streamWindow != null) {
            throw new IllegalArgumentException("--stream needs a sharded set written by generate as --data");
        }
    }

    /** A test set: the test files of an IDX folder, a CSV or LIBSVM file, or a DataFrame source. */
    private DataBlock readTestSet(String location, Configuration conf, NetworkSpec network, LazySpark spark)
            throws IOException {
        Format f = resolve(location, conf);
        if (f.isDataFrame()) {
            return DataFrames.collect(frame(location, f, spark), featuresCol, labelCol, network);
        }
        if (f == Format.IDX || f == Format.SHARDS) {
            return new MnistIdxReader(conf).readTestSet(location);
        }
        return readFile(location, f, conf, network.inputSize());
    }

    /** A DataFrame source, checked to have the columns the options name. */
    private Dataset<Row> frame(String location, Format f, LazySpark spark) {
        Dataset<Row> frame = spark.session().read().format(f.name().toLowerCase(Locale.ROOT)).load(location);
        try {
            DataFrames.checkColumns(frame, featuresCol, labelCol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; name them with --features-col and --label-col", e);
        }
        return frame;
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
        checkNoTestData();
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
            return DataFrames.collect(frame(data, f, spark), featuresCol, labelCol, network);
        }
        return f == Format.IDX ? new MnistIdxReader(conf).readTestSet(data) : readFile(data, f, conf, featureCount);
    }

    private void checkNoTestData() {
        if (testData != null) {
            throw new IllegalArgumentException("--test-data is for train; evaluate and predict take their data "
                    + "from --data");
        }
    }

    /** Whether the one set of evaluate and predict is a DataFrame source (Parquet, ORC, JSON). */
    boolean oneIsDataFrame(Configuration conf) throws IOException {
        return data != null && resolve(data, conf).isDataFrame();
    }

    /** {@link #loadOne} for a DataFrame source, with every row's value of its column {@code keyCol}. */
    DataFrames.KeyedBlock loadOneKeyed(NetworkSpec network, Configuration conf, LazySpark spark, String keyCol)
            throws IOException {
        checkNoTestData();
        Format f = data == null ? Format.AUTO : resolve(data, conf);
        if (!f.isDataFrame()) {
            throw new IllegalArgumentException("--key-col needs a DataFrame source (Parquet, ORC or JSON) as --data; "
                    + "the rows of other data are keyed by their number");
        }
        return DataFrames.collectKeyed(frame(data, f, spark), featuresCol, labelCol, keyCol, network);
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
