package io.dpnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileWholeAndNothingBeside() throws IOException {
        Path target = Files.writeString(dir.resolve("model"), "the old model");
        IOException failure = assertThrows(IOException.class, () -> OutputFiles.writeAtomically(target.toString(),
                CONF, true, out -> {
                    out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("No space left on device");
                }));
        assertEquals("No space left on device", failure.getMessage());
        assertEquals("the old model", Files.readString(target));
        assertEquals(List.of(target), files());

        OutputFiles.writeAtomically(target.toString(), CONF, true,
                out -> out.write("the new model".getBytes(StandardCharsets.UTF_8)));
        assertEquals("the new model", Files.readString(target));
        assertEquals(List.of(target), files(), "renamed onto the name: no backup or temporary file left");
    }

    @Test
    void targetsAreCheckedAsDocumented() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        IllegalArgumentException directory = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.checkTarget("--out", folder.toString(), CONF, true));
        assertEquals("--out " + folder + " is a directory; give a file name", directory.getMessage());
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.checkTarget("--out", file.toString(), CONF, false));
        assertTrue(taken.getMessage().endsWith("already exists; choose another path or add --overwrite"));
        OutputFiles.checkTarget("--out", file.toString(), CONF, true);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.checkTarget("--out", dir.resolve("no/such/file").toString(), CONF, true));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertThrows(IOException.class, () -> OutputFiles.writeAtomically(folder.toString(), CONF, true,
                out -> out.write(1)));
        assertTrue(Files.isDirectory(folder));
    }
}
