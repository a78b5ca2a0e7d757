package io.dpnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLockTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    @Test
    void aRunWhoseLockWasTakenOverStopsSavingAndLeavesTheNewOwnersLock() throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        CheckpointLock lock = CheckpointLock.take(checkpoints.toString(), CONF);
        CheckpointStore store = new CheckpointStore(checkpoints.toString(), CONF, 3).lockedBy(lock);
        lock.touch();
        lock.checkHeld();
        Path file = checkpoints.resolve(CheckpointLock.NAME);
        String other = "host=elsewhere\npid=1\nstarted=2026-01-01T00:00:00Z\n";
        Files.writeString(file, other);
        lock.touch();
        IOException lost = assertThrows(IOException.class, () -> store.save(null, null, null));
        assertTrue(lost.getMessage().startsWith("another run took over the checkpoint lock"), lost.getMessage());
        lock.close();
        assertEquals(other, Files.readString(file), "the new owner's lock stays");
    }

    @Test
    void aReleasedLockLeavesNothingAndCanBeTakenAgain() throws IOException {
        Path checkpoints = dir.resolve("again");
        CheckpointLock first = CheckpointLock.take(checkpoints.toString(), CONF);
        assertTrue(Files.exists(checkpoints.resolve(CheckpointLock.NAME)));
        first.close();
        assertFalse(Files.exists(checkpoints.resolve(CheckpointLock.NAME)));
        try (CheckpointLock second = CheckpointLock.take(checkpoints.toString(), CONF)) {
            assertEquals(null, second.tookOver());
        }
    }
}
