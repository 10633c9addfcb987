package io.sediment.engine.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.Db;
import io.sediment.engine.Options;
import io.sediment.engine.WriteOptions;
import io.sediment.engine.error.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk faults under the engine, through {@link FaultyFileSystem}: a failed WAL write or fsync, a
 * failed flush and a failed manifest update each make the database refuse further writes with a
 * clear error and never acknowledge what is not durable; after the fault clears, reopening
 * recovers everything acknowledged. Simulated power losses at random moments (across flushes,
 * compactions and manifest updates) lose no synced write and lose unsynced writes only as a suffix.
 */
class FaultInjectionTest {
    @TempDir
    Path tmp;

    static byte[] key(long i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] value(long i) {
        return ("value-" + i + "-" + "x".repeat((int) (i % 50))).getBytes(StandardCharsets.US_ASCII);
    }

    static Options small() {
        return Options.defaults().writeBufferSize(16 << 10).targetFileSize(16 << 10).level1TargetBytes(64 << 10)
                .levelSizeRatio(4).level0CompactionTrigger(2).blockSize(512);
    }

    private static final IOException ENOSPC = new IOException("No space left on device");
    private static final IOException EIO = new IOException("Input/output error");

    @Test
    void failedWalFsyncStopsWritesAndReopenRecovers() {
        FaultyFileSystem fs = FaultyFileSystem.wrap(tmp);
        Path dir = fs.root().resolve("db");
        Db db = Db.open(dir, small());
        for (int i = 0; i < 100; i++) {
            db.put(key(i), value(i), WriteOptions.sync());
        }
        fs.fail(FaultyFileSystem.Op.FSYNC, ".log", EIO);
        StorageException e = assertThrows(StorageException.class, () -> db.put(key(100), value(100), WriteOptions.sync()));
        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        StorageException later = assertThrows(StorageException.class, () -> db.put(key(101), value(101)));
        assertTrue(later.getMessage().contains("read-only"), later.getMessage());
        assertArrayEquals(value(5), db.get(key(5)), "reads go on");
        closeQuietly(db);
        fs.clearFaults();
        try (Db reopened = Db.open(dir, small())) {
            for (int i = 0; i < 100; i++) {
                assertArrayEquals(value(i), reopened.get(key(i)));
            }
            reopened.put(key(200), value(200));
        }
    }

    @Test
    void diskFullOnWalWriteFailsTheWriteAndLaterOnes() {
        FaultyFileSystem fs = FaultyFileSystem.wrap(tmp);
        Path dir = fs.root().resolve("db");
        Db db = Db.open(dir, small());
        for (int i = 0; i < 50; i++) {
            db.put(key(i), value(i));
        }
        fs.fail(FaultyFileSystem.Op.WRITE, ".log", ENOSPC);
        StorageException e = assertThrows(StorageException.class, () -> db.put(key(50), value(50)));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertThrows(StorageException.class, () -> db.delete(key(1)));
        closeQuietly(db);
        fs.clearFaults();
        try (Db reopened = Db.open(dir, small())) {
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(value(i), reopened.get(key(i)));
            }
        }
    }

    @Test
    void failedFlushKeepsDataInTheWal() {
        FaultyFileSystem fs = FaultyFileSystem.wrap(tmp);
        Path dir = fs.root().resolve("db");
        Db db = Db.open(dir, small().writeBufferSize(1 << 20));
        for (int i = 0; i < 500; i++) {
            db.put(key(i), value(i), i % 10 == 0 ? WriteOptions.sync() : WriteOptions.defaults());
        }
        fs.fail(FaultyFileSystem.Op.WRITE, ".sst", ENOSPC);
        StorageException e = assertThrows(StorageException.class, db::flush);
        assertTrue(e.getMessage().contains("flush") || e.getMessage().contains("No space"), e.getMessage());
        assertThrows(StorageException.class, () -> db.put(key(1000), value(1000)));
        closeQuietly(db);
        fs.clearFaults();
        try (Db reopened = Db.open(dir, small())) {
            for (int i = 0; i < 500; i++) {
                assertArrayEquals(value(i), reopened.get(key(i)));
            }
        }
    }

    @Test
    void failedManifestUpdateDuringCompactionIsRecovered() {
        FaultyFileSystem fs = FaultyFileSystem.wrap(tmp);
        Path dir = fs.root().resolve("db");
        Db db = Db.open(dir, small().backgroundCompaction(false));
        for (int i = 0; i < 2000; i++) {
            db.put(key(i), value(i));
        }
        db.flush();
        fs.fail(FaultyFileSystem.Op.FSYNC, "MANIFEST", EIO);
        assertThrows(StorageException.class, () -> db.compact(0));
        closeQuietly(db);
        fs.clearFaults();
        try (Db reopened = Db.open(dir, small())) {
            for (int i = 0; i < 2000; i++) {
                assertArrayEquals(value(i), reopened.get(key(i)));
            }
        }
    }

    @Test
    void simulatedPowerLossesLoseNoSyncedWriteAndOnlyASuffix() throws Exception {
        Random rnd = new Random(Long.getLong("seed", 11));
        FaultyFileSystem fs = FaultyFileSystem.wrap(tmp);
        Path dir = fs.root().resolve("db");
        long next = 0;
        long dropped = 0;
        for (int round = 0; round < 8; round++) {
            Db db = Db.open(dir, small());
            AtomicLong lastSynced = new AtomicLong(-1);
            AtomicLong lastAcked = new AtomicLong(next - 1);
            long start = next;
            Thread writer = new Thread(() -> {
                try {
                    for (long i = start; ; i++) {
                        boolean sync = i % 50 == 0;
                        db.put(key(i), value(i), sync ? WriteOptions.sync() : WriteOptions.defaults());
                        lastAcked.set(i);
                        if (sync) {
                            lastSynced.set(i);
                        }
                    }
                } catch (RuntimeException expected) {
                    // the power went out
                }
            });
            writer.start();
            Thread.sleep(50 + rnd.nextInt(300));
            // Power loss: from this instant nothing more reaches the disk.
            for (FaultyFileSystem.Op op : FaultyFileSystem.Op.values()) {
                if (op != FaultyFileSystem.Op.READ && op != FaultyFileSystem.Op.OPEN) {
                    fs.fail(op, "", EIO);
                }
            }
            writer.join();
            long synced = lastSynced.get();
            closeQuietly(db);
            dropped += fs.simulatePowerLoss();
            fs.clearFaults();
            try (Db reopened = Db.open(dir, small())) {
                long i = 0;
                while (reopened.get(key(i)) != null) {
                    assertArrayEquals(value(i), reopened.get(key(i)));
                    i++;
                }
                assertTrue(i > synced, "round " + round + ": synced write " + synced + " lost (recovered up to " + i + ")");
                for (long j = i; j <= lastAcked.get() + 1; j++) {
                    assertTrue(reopened.get(key(j)) == null, "round " + round + ": hole at " + i + " but " + j + " present");
                }
                next = i;
            }
        }
        assertTrue(fs.injectedCount() > 0);
        System.out.println("power-loss simulation: " + dropped + " unsynced bytes dropped over 8 rounds");
    }

    private static void closeQuietly(Db db) {
        try {
            db.close();
        } catch (RuntimeException expected) {
            assertNotNull(expected.getMessage());
        }
    }
}
