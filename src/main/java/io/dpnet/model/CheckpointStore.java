package io.dpnet.model;

import io.dpnet.data.DataFiles;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.train.Scaling;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of training checkpoints on any Hadoop file system: {@code checkpoint-step-NNNNNNNNNNNN.dpck}, named by the
 * global step counter, each written
 * atomically in the {@link ChecksummedFile} container (magic {@code DPNETCKP}) with the parameters and the optimizer
 * state in the run's precision, the newest {@code keep} kept. Resuming takes the newest one that reads back whole; a
 * corrupt or partial one is skipped with a warning. A checkpoint of another network, seed, batch size, sync mode or
 * precision is refused, because continuing from it would not give the run it claims to continue.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final byte[] MAGIC = "DPNETCKP".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("checkpoint-step-(\\d+)\\.dpck");

    private final Path dir;
    private final Configuration conf;
    private final int keep;
    private CheckpointLock lock;

    public CheckpointStore(String dir, Configuration conf, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep-checkpoints must be at least 1, got " + keep);
        }
        this.dir = new Path(dir);
        this.conf = conf;
        this.keep = keep;
    }

    /** Saves only while {@code held} is this run's: a run that lost its folder to another must not write beside it. */
    public CheckpointStore lockedBy(CheckpointLock held) {
        this.lock = held;
        return this;
    }

    public void save(TrainingState state, NetworkSpec spec, TrainingConfig config) throws IOException {
        if (lock != null) {
            lock.checkHeld();
        }
        FileSystem fs = DataFiles.writableFileSystem(dir, conf);
        fs.mkdirs(dir);
        Map<String, Object> header = new LinkedHashMap<>(identity(spec, config));
        header.put("network", spec.describe());
        // Without scaling, the header stays byte for byte as builds before scaling wrote it; reading fills in none.
        header.remove("scaling", Scaling.NONE.toString());
        header.put("format", "dpnet-checkpoint");
        header.put("epochs_done", state.epochsDone());
        header.put("step", state.step());
        header.put("param_count", state.params().length);
        List<Integer> lengths = new ArrayList<>();
        List<double[]> arrays = new ArrayList<>(List.of(state.params()));
        for (double[] s : state.optimizerState()) {
            lengths.add(s.length);
            arrays.add(s);
        }
        header.put("optimizer_state_lengths", lengths);
        ChecksummedFile.save(new Path(dir, String.format("checkpoint-step-%012d.dpck", state.step()))
                .toString(), conf, MAGIC, header, config.precision(), arrays.toArray(new double[0][]));
        List<FileStatus> all = checkpoints(fs);
        for (FileStatus old : all.subList(Math.min(keep, all.size()), all.size())) {
            fs.delete(old.getPath(), false);
        }
    }

    /**
     * A checkpoint read back: the run's state and its network, which holds the input scaling fitted when the run
     * started (the data would refit it only to the same values, and a resumed run must not depend on that).
     */
    public record Checkpoint(NetworkSpec network, TrainingState state) {
    }

    /**
     * The newest checkpoint that reads back whole, if any: one that fails any check of the file (its header, the
     * array lengths it declares against the file's length, its checksum) is skipped with a warning that names it.
     * One written for another run is refused, as continuing from it would not give the run it claims to continue.
     */
    public Optional<Checkpoint> latest(NetworkSpec spec, TrainingConfig config) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            return Optional.empty();
        }
        for (FileStatus file : checkpoints(fs)) {
            String name = file.getPath().toString();
            Stored stored;
            try (FSDataInputStream in = fs.open(file.getPath());
                 ChecksummedFile.Reader reader = new ChecksummedFile.Reader(in, file.getLen(), name, MAGIC,
                         "checkpoint")) {
                stored = read(reader, name);
            } catch (InvalidModelException e) {
                // The message starts with the file's name.
                LOG.warn("skipping checkpoint {}", e.getMessage());
                continue;
            }
            checkSameRun(stored.header(), name, spec, config);
            return Optional.of(stored.checkpoint());
        }
        return Optional.empty();
    }

    /** A checkpoint read back whole, with its header as {@link #identity} compares it with a run's. */
    private record Stored(Checkpoint checkpoint, Map<String, Object> header) {
    }

    /**
     * Reads one checkpoint whole. Anything wrong with the file, values of the wrong type or range in its header among
     * them, is an InvalidModelException; every length is checked against the file before an array is allocated.
     */
    private static Stored read(ChecksummedFile.Reader reader, String name) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>(reader.header());
        NetworkSpec network = ModelFile.network(header, name);
        int params = (int) whole(header, "param_count", Integer.MAX_VALUE, name);
        if (params != network.paramCount()) {
            throw new InvalidModelException(name + ": header says " + params + " parameters but the network has "
                    + network.paramCount());
        }
        if (!(header.get("optimizer_state_lengths") instanceof List<?> stateLengths)) {
            throw corrupt(name, "optimizer_state_lengths", header.get("optimizer_state_lengths"));
        }
        long[] lengths = new long[1 + stateLengths.size()];
        lengths[0] = params;
        for (int i = 0; i < stateLengths.size(); i++) {
            lengths[1 + i] = whole(stateLengths.get(i), "optimizer_state_lengths", Integer.MAX_VALUE, name);
        }
        int epochs = (int) whole(header, "epochs_done", Integer.MAX_VALUE, name);
        long step = whole(header, "step", Long.MAX_VALUE, name);
        reader.expect(lengths);
        double[] values = reader.doubles(params);
        double[][] state = new double[stateLengths.size()][];
        for (int i = 0; i < state.length; i++) {
            state[i] = reader.doubles((int) lengths[1 + i]);
        }
        reader.finish();
        // The fitted scaling is the checkpoint's to give; the rest of the network must be the run's.
        header.put("network", network.withScaling(null).describe());
        header.putIfAbsent("scaling", Scaling.NONE.toString());
        return new Stored(new Checkpoint(network, new TrainingState(epochs, step, values, state)), header);
    }

    private static long whole(Map<String, Object> header, String key, long max, String name)
            throws InvalidModelException {
        return whole(header.get(key), key, max, name);
    }

    /** A whole number in 0..{@code max} that the header gives for {@code key}; anything else makes the file corrupt. */
    private static long whole(Object value, String key, long max, String name) throws InvalidModelException {
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
                && ((Number) value).longValue() <= max) {
            return ((Number) value).longValue();
        }
        throw corrupt(name, key, value);
    }

    private static InvalidModelException corrupt(String name, String key, Object value) {
        return new InvalidModelException(name + ": corrupt checkpoint header: " + key + " is "
                + (value == null ? "missing" : value));
    }

    /** Refuses a checkpoint whose header names another run than {@code spec} and {@code config}. */
    private static void checkSameRun(Map<String, Object> header, String name, NetworkSpec spec,
                                     TrainingConfig config) {
        for (Map.Entry<String, Object> e : identity(spec, config).entrySet()) {
            if (!Objects.equals(String.valueOf(e.getValue()), String.valueOf(header.get(e.getKey())))) {
                // A scaling that differs may be only the default's (auto since scaling existed): say how to match.
                String match = e.getKey().equals("scaling") ? "give --scaling " + header.get(e.getKey()) + " to "
                        + "continue it, " : "";
                throw new IllegalArgumentException(name + " was written for another run (" + e.getKey() + " "
                        + header.get(e.getKey()) + ", this run has " + e.getValue() + "): " + match
                        + "use another --checkpoint-dir or leave out --resume");
            }
        }
    }

    /** What a checkpoint must share with the run that resumes from it. */
    private static Map<String, Object> identity(NetworkSpec spec, TrainingConfig config) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("network", spec.withScaling(null).describe());
        id.put("scaling", config.scaling().toString());
        id.put("seed", config.seed());
        id.put("batch_size", config.batchSize());
        id.put("sync", config.sync().name());
        // The reader names the file's precision, float64 in checkpoints older than the key.
        id.put(ChecksummedFile.PRECISION, config.precision().configName());
        return id;
    }

    /** Checkpoint files, newest first. */
    private List<FileStatus> checkpoints(FileSystem fs) throws IOException {
        List<FileStatus> found = new ArrayList<>();
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isFile() && NAME.matcher(f.getPath().getName()).matches()) {
                found.add(f);
            }
        }
        found.sort(Comparator.comparingLong((FileStatus f) -> stepOf(f.getPath().getName())).reversed());
        return found;
    }

    private static long stepOf(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
