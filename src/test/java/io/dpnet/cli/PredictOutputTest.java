package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.CsvReader;
import io.dpnet.data.DataBlock;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
import io.dpnet.testing.SparkTestConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict's output through the command line: keys, predictions that the model itself gives, probabilities that are
 * the model's output, CSV and Parquet, and every bad use of its options.
 */
class PredictOutputTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, true)
            .add("pixels", SQLDataTypes.VectorType(), false)
            .add("digit", DataTypes.DoubleType, false)
            .add("at", DataTypes.TimestampType, false);
    private static final int KEYED_ROWS = 300;
    private static final int ORDERED_ROWS = 100;

    @TempDir
    static Path dir;
    /** The default MLP after one epoch on the bundled digits. */
    private static Path model;
    /** Test digits with string ids, shuffled over 3 files: only the keys tell which row is which. */
    private static Path keyed;
    /** Test digits in one file, so that the row numbers are known. */
    private static Path ordered;
    /** As ordered, with no id in row 7. */
    private static Path nullKey;

    @BeforeAll
    static void trainAndWriteParquet() throws IOException {
        model = dir.resolve("digits.model");
        CliRun train = CliRun.of("train", "--epochs", "1", "--master", "local[2]", "--model-out", model.toString());
        assertEquals(0, train.status(), train.err());
        SparkSession spark = SparkSession.builder().config(SparkTestConf.local(PredictOutputTest.class, 2))
                .getOrCreate();
        try {
            DataBlock test = BundledMnist.load().test();
            keyed = dir.resolve("keyed.parquet");
            ordered = dir.resolve("ordered.parquet");
            nullKey = dir.resolve("null-key.parquet");
            spark.createDataFrame(rows(test, KEYED_ROWS, -1), SCHEMA).repartition(3).write().parquet(keyed.toString());
            spark.createDataFrame(rows(test, ORDERED_ROWS, -1), SCHEMA).coalesce(1).write()
                    .parquet(ordered.toString());
            spark.createDataFrame(rows(test, ORDERED_ROWS, 7), SCHEMA).coalesce(1).write()
                    .parquet(nullKey.toString());
        } finally {
            stop(spark);
        }
    }

    /** The first {@code n} digits, row i with the id {@link #id}(i) (none in row {@code noId}). */
    private static List<Row> rows(DataBlock block, int n, int noId) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[block.featureCount()];
            block.copyFeatures(i, x, 0);
            rows.add(RowFactory.create(i == noId ? null : id(i), Vectors.dense(x), (double) block.label(i), at(i)));
        }
        return rows;
    }

    /** Ids out of the rows' order, one with a comma and a quote, which CSV must quote. */
    private static String id(int row) {
        return row == 3 ? "three, \"quoted\"" : "d" + (row * 37 % KEYED_ROWS);
    }

    /** A timestamp with microseconds, which the key of a Parquet output must keep. */
    private static Timestamp at(int row) {
        Timestamp t = Timestamp.valueOf("2024-01-02 03:04:05.000000");
        t.setTime(t.getTime() + 1000L * row);
        t.setNanos(123_456_000 + 1000 * row);
        return t;
    }

    private static int rowOf(String id) {
        if (id.startsWith("three")) {
            return 3;
        }
        int code = Integer.parseInt(id.substring(1));
        for (int row = 0; row < KEYED_ROWS; row++) {
            if (row * 37 % KEYED_ROWS == code) {
                return row;
            }
        }
        throw new AssertionError("no row has id " + id);
    }

    private static void stop(SparkSession spark) {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    /** The first {@code n} samples' features, [featureCount x n] as the models take them. */
    private static double[] features(DataBlock block, int n) {
        double[] x = new double[n * block.featureCount()];
        for (int i = 0; i < n; i++) {
            block.copyFeatures(i, x, i * block.featureCount());
        }
        return x;
    }

    private static Model load(Path file) throws IOException {
        return ModelFile.load(file.toString(), new Configuration());
    }

    private static List<String[]> csvRows(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split(",")).toList();
    }

    @Test
    void csvKeysAreRowNumbersAndProbabilitiesAreTheModelsOutput() throws IOException {
        Path out = dir.resolve("bundled.csv");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--out", out.toString(), "--probabilities",
                "--master", "local[2]", "--partitions", "3");
        assertEquals(0, run.status(), run.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("key,prediction,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9", lines.get(0));
        assertEquals(BundledMnist.TEST_SIZE + 1, lines.size());

        Model trained = load(model);
        int n = BundledMnist.TEST_SIZE;
        double[] x = features(BundledMnist.load().test(), n);
        int[] expected = trained.predict(x, n);
        double[] output = trained.output(x, n);
        List<String[]> rows = csvRows(out);
        for (int i = 0; i < n; i++) {
            String[] row = rows.get(i);
            assertEquals(12, row.length, lines.get(i + 1));
            assertEquals(i, Long.parseLong(row[0]), "keys are row numbers in input order");
            int predicted = Integer.parseInt(row[1]);
            assertEquals(expected[i], predicted, "row " + i);
            double sum = 0;
            double max = 0;
            for (int k = 0; k < 10; k++) {
                float p = Float.parseFloat(row[2 + k]);
                assertEquals(Float.toString(p), row[2 + k], "a float32 model's probability, as Float.toString");
                assertEquals(output[i * 10 + k], p, 1e-6, "row " + i + ", class " + k);
                sum += p;
                max = Math.max(max, p);
            }
            assertEquals(1.0, sum, 1e-5, "row " + i);
            assertEquals(max, Float.parseFloat(row[2 + predicted]), "the predicted class is the most probable");
        }
    }

    @Test
    void parquetSourceKeyedByAColumnGivesParquetWithItsKeys() throws IOException {
        Path out = dir.resolve("keyed-predictions");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", keyed.toString(), "--features-col",
                "pixels", "--label-col", "digit", "--key-col", "id", "--probabilities", "--out", out.toString(),
                "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("(parquet)"), run.out());

        Model trained = load(model);
        double[] x = features(BundledMnist.load().test(), KEYED_ROWS);
        int[] expected = trained.predict(x, KEYED_ROWS);
        double[] output = trained.output(x, KEYED_ROWS);
        Map<Integer, Row> byRow = new HashMap<>();
        StructType schema = readParquet(out, rows -> {
            rows.forEach(r -> assertEquals(null, byRow.put(rowOf(r.getString(0)), r), "keys are unique"));
            return rows.get(0).schema();
        });
        assertEquals(DataTypes.StringType, schema.apply("key").dataType(), "the key column's own type");
        assertEquals(DataTypes.IntegerType, schema.apply("prediction").dataType());
        assertEquals(DataTypes.DoubleType, ((ArrayType) schema.apply("probability").dataType()).elementType());
        assertEquals(KEYED_ROWS, byRow.size(), "every input row once");
        for (int i = 0; i < KEYED_ROWS; i++) {
            Row row = byRow.get(i);
            assertEquals(expected[i], row.getInt(1), "row " + i);
            List<Double> p = row.getList(2);
            assertEquals(10, p.size());
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                assertEquals(output[i * 10 + k], p.get(k), 1e-6, "row " + i + ", class " + k);
                sum += p.get(k);
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void dataFrameRowsAreKeyedByNumberWithoutKeyColumnAndCsvOnRequest() throws IOException {
        Path byId = dir.resolve("ordered-by-id.csv");
        CliRun keyedRun = CliRun.of("predict", "--model", model.toString(), "--data", ordered.toString(),
                "--features-col", "pixels", "--label-col", "digit", "--key-col", "id", "--out-format", "csv",
                "--out", byId.toString(), "--master", "local[2]");
        assertEquals(0, keyedRun.status(), keyedRun.err());
        Path byNumber = dir.resolve("ordered-by-number");
        CliRun numbered = CliRun.of("predict", "--model", model.toString(), "--data", ordered.toString(),
                "--features-col", "pixels", "--label-col", "digit", "--out", byNumber.toString(),
                "--master", "local[2]");
        assertEquals(0, numbered.status(), numbered.err());

        Model trained = load(model);
        int[] expected = trained.predict(features(BundledMnist.load().test(), ORDERED_ROWS), ORDERED_ROWS);
        List<String> lines = Files.readAllLines(byId, StandardCharsets.UTF_8);
        assertEquals("key,prediction", lines.get(0));
        assertEquals(ORDERED_ROWS + 1, lines.size());
        assertEquals("\"three, \"\"quoted\"\"\"," + expected[3], lines.get(4), "a key with a comma is quoted");
        for (int i = 0; i < ORDERED_ROWS; i++) {
            String line = lines.get(i + 1);
            String key = line.substring(0, line.lastIndexOf(','));
            assertEquals(PredictionCsv.field(id(i)), key, "the ids in the input's order");
            assertEquals(expected[i], Integer.parseInt(line.substring(line.lastIndexOf(',') + 1)), "row " + i);
        }

        int[] fromParquet = new int[ORDERED_ROWS];
        StructType schema = readParquet(byNumber, rows -> {
            assertEquals(ORDERED_ROWS, rows.size());
            rows.forEach(r -> fromParquet[Math.toIntExact(r.getLong(0))] = r.getInt(1));
            return rows.get(0).schema();
        });
        assertEquals(DataTypes.LongType, schema.apply("key").dataType(), "row numbers");
        assertFalse(schema.getFieldIndex("probability").isDefined(), "no probabilities unless asked");
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(fromParquet));

        Path byTime = dir.resolve("ordered-by-time");
        CliRun timed = CliRun.of("predict", "--model", model.toString(), "--data", ordered.toString(),
                "--features-col", "pixels", "--label-col", "digit", "--key-col", "at", "--out", byTime.toString(),
                "--master", "local[2]");
        assertEquals(0, timed.status(), timed.err());
        Map<Timestamp, Integer> byStamp = new HashMap<>();
        StructType timeSchema = readParquet(byTime, rows -> {
            rows.forEach(r -> byStamp.put(r.getTimestamp(0), r.getInt(1)));
            return rows.get(0).schema();
        });
        assertEquals(DataTypes.TimestampType, timeSchema.apply("key").dataType());
        for (int i = 0; i < ORDERED_ROWS; i++) {
            assertEquals(expected[i], byStamp.get(at(i)), "the row stamped " + at(i));
        }
    }

    /**
     * Networks whose output is not a softmax layer: a single sigmoid unit (p0 = 1 - p, p1 = p, as in float64 here)
     * and a linear layer under softmax cross-entropy, whose probabilities are the softmax the loss applies.
     */
    @Test
    void probabilitiesOfASigmoidUnitAndOfLogits() throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 2 - 1;
            int label = a > 0.3 ? 0 : a < -0.3 ? 1 : 2;
            csv.append(label).append(',').append(a).append(',').append(b).append('\n');
        }
        Path data = Files.writeString(dir.resolve("points.csv"), csv.toString());
        Path labels01 = Files.writeString(dir.resolve("points01.csv"), csv.toString().replaceAll("(?m)^2,", "1,"));

        Path sigmoid = trainTiny("sigmoid", "[{ type = dense, units = 1, activation = sigmoid }]",
                "binary_cross_entropy", labels01, "float64");
        Path out = dir.resolve("sigmoid.csv");
        CliRun run = CliRun.of("predict", "--model", sigmoid.toString(), "--data", labels01.toString(),
                "--probabilities", "--out", out.toString(), "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        assertEquals("key,prediction,p0,p1", Files.readAllLines(out).get(0));
        Model unit = load(sigmoid);
        DataBlock points = new CsvReader().read(labels01.toString());
        double[] output = unit.output(features(points, 200), 200);
        int[] expected = unit.predict(features(points, 200), 200);
        boolean float64Digits = false;
        List<String[]> rows = csvRows(out);
        for (int i = 0; i < 200; i++) {
            String[] row = rows.get(i);
            double p0 = Double.parseDouble(row[2]);
            double p1 = Double.parseDouble(row[3]);
            assertEquals(expected[i], Integer.parseInt(row[1]), "row " + i);
            assertEquals(output[i], p1, 1e-12, "p1 is the sigmoid unit's output");
            assertEquals(1 - output[i], p0, 1e-12);
            assertEquals(expected[i], p1 > p0 ? 1 : 0, "row " + i);
            float64Digits |= (float) p1 != p1;
        }
        assertTrue(float64Digits, "a float64 model's probabilities keep their double digits");

        Path logits = trainTiny("logits",
                "[{ type = dense, units = 8, activation = tanh }, { type = dense, units = 3 }]",
                "softmax_cross_entropy", data, "float32");
        Path logitsOut = dir.resolve("logits.csv");
        CliRun logitsRun = CliRun.of("predict", "--model", logits.toString(), "--data", data.toString(),
                "--probabilities", "--out", logitsOut.toString(), "--master", "local[2]");
        assertEquals(0, logitsRun.status(), logitsRun.err());
        Model linear = load(logits);
        double[] scores = linear.output(features(points, 200), 200);
        int[] classes = linear.predict(features(points, 200), 200);
        List<String[]> logitRows = csvRows(logitsOut);
        for (int i = 0; i < 200; i++) {
            String[] row = logitRows.get(i);
            assertEquals(classes[i], Integer.parseInt(row[1]), "row " + i);
            double max = Math.max(scores[3 * i], Math.max(scores[3 * i + 1], scores[3 * i + 2]));
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += Math.exp(scores[3 * i + k] - max);
            }
            for (int k = 0; k < 3; k++) {
                float p = Float.parseFloat(row[2 + k]);
                assertEquals(Math.exp(scores[3 * i + k] - max) / sum, p, 1e-6, "the softmax of the logits, row " + i);
                assertEquals(Float.toString(p), row[2 + k], "a float32 model's probability, as Float.toString");
            }
        }

        Path logitsParquet = dir.resolve("logits-predictions");
        CliRun parquetRun = CliRun.of("predict", "--model", logits.toString(), "--data", data.toString(),
                "--probabilities", "--out-format", "parquet", "--out", logitsParquet.toString(), "--master",
                "local[2]");
        assertEquals(0, parquetRun.status(), parquetRun.err());
        readParquet(logitsParquet, parquetRows -> {
            assertEquals(200, parquetRows.size());
            for (Row r : parquetRows) {
                String[] row = logitRows.get(Math.toIntExact(r.getLong(0)));
                List<Double> p = r.getList(2);
                for (int k = 0; k < 3; k++) {
                    assertEquals(Float.parseFloat(row[2 + k]), p.get(k), "the float32 value, as in the CSV");
                }
            }
            return null;
        });
    }

    private static Path trainTiny(String name, String layers, String loss, Path data, String precision)
            throws IOException {
        Path recipe = Files.writeString(dir.resolve(name + ".conf"), "network { input = [2], layers = " + layers
                + ", loss = " + loss + " }\ntraining { batch-size = 16, epochs = 5, "
                + "optimizer { type = adam, learning-rate = 0.05 } }\n");
        Path saved = dir.resolve(name + ".model");
        CliRun train = CliRun.of("train", "--config", recipe.toString(), "--data", data.toString(), "--precision",
                precision, "--model-out", saved.toString(), "--master", "local[2]");
        assertEquals(0, train.status(), train.err());
        return saved;
    }

    @Test
    void badUsesAreOneLineWithStatus2() throws IOException {
        String out = dir.resolve("bad.csv").toString();
        Path csv = Files.writeString(dir.resolve("rows.csv"), "0,0.5\n");
        BadInputTest.assertBadInput(CliRun.of("predict", "--model", model.toString(), "--out", out, "--key-col",
                "id"), "--key-col needs a DataFrame source");
        BadInputTest.assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(),
                "--out", out, "--key-col", "id"), "--key-col needs a DataFrame source");
        BadInputTest.assertBadInput(CliRun.of("predict", "--model", model.toString(), "--out", out, "--out-format",
                "xml"), "invalid output format 'xml' (expected csv or parquet)");
        BadInputTest.assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", ordered.toString(),
                "--out", keyed.toString()), "already exists");
        String[] frame = {"predict", "--model", model.toString(), "--data", ordered.toString(), "--features-col",
            "pixels", "--label-col", "digit", "--out", out, "--out-format", "csv", "--master", "local[2]"};
        BadInputTest.assertBadInput(CliRun.of(with(frame, "--key-col", "name")),
                "no key column 'name' (its columns: id, pixels, digit, at)");
        BadInputTest.assertBadInput(CliRun.of(with(frame, "--key-col", "pixels")),
                "key column 'pixels' holds vector values");
        frame[4] = nullKey.toString();
        BadInputTest.assertBadInput(CliRun.of(with(frame, "--key-col", "id")), "key column 'id' is null",
                "row 7 of the DataFrame");
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** What {@code read} makes of the Parquet folder's rows, read by a session of the test's own. */
    private static <T> T readParquet(Path folder, Function<List<Row>, T> read) {
        SparkSession spark = SparkSession.builder().config(SparkTestConf.local(PredictOutputTest.class, 2))
                .getOrCreate();
        try {
            return read.apply(spark.read().parquet(folder.toString()).collectAsList());
        } finally {
            stop(spark);
        }
    }
}
