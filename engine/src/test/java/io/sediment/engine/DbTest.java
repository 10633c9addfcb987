package io.sediment.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.SedimentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public engine API: basic semantics, snapshots, iterators, arguments and errors. */
class DbTest {
    @TempDir
    Path tmp;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void putGetDeleteAndReopen() {
        Path dir = tmp.resolve("db");
        try (Db db = Db.open(dir, Options.defaults())) {
            db.put(b("a"), b("1"));
            db.put(b("b"), b("2"), WriteOptions.sync());
            db.put(b("a"), b("3"));
            db.delete(b("b"));
            assertEquals("3", s(db.get(b("a"))));
            assertNull(db.get(b("b")));
            assertNull(db.get(b("zzz")));
        }
        try (Db db = Db.open(dir, Options.defaults())) {
            assertEquals("3", s(db.get(b("a"))));
            assertNull(db.get(b("b")));
            db.flush();
            assertEquals("3", s(db.get(b("a"))));
            assertEquals(1, db.metrics().levels().get(0).files());
        }
    }

    @Test
    void emptyKeyAndEmptyValueAreAllowed() {
        try (Db db = Db.open(tmp, Options.defaults())) {
            db.put(new byte[0], new byte[0]);
            assertArrayEquals(new byte[0], db.get(new byte[0]));
            db.flush();
            assertArrayEquals(new byte[0], db.get(new byte[0]));
        }
    }

    @Test
    void snapshotSeesThePastWhileWritesContinue() {
        try (Db db = Db.open(tmp, Options.defaults().writeBufferSize(4096))) {
            db.put(b("k"), b("old"));
            db.put(b("gone"), b("x"));
            try (Snapshot snap = db.snapshot()) {
                db.put(b("k"), b("new"));
                db.delete(b("gone"));
                db.put(b("added"), b("y"));
                for (int i = 0; i < 500; i++) {
                    db.put(b("fill" + i), new byte[100]);
                }
                db.flush();
                db.compact(0);
                assertEquals("old", s(db.get(b("k"), snap)));
                assertEquals("x", s(db.get(b("gone"), snap)));
                assertNull(db.get(b("added"), snap));
                assertEquals("new", s(db.get(b("k"))));
                List<String> keys = new ArrayList<>();
                try (DbIterator it = db.range(null, null, snap)) {
                    for (; it.valid(); it.next()) {
                        keys.add(s(it.key()));
                    }
                }
                assertEquals(List.of("gone", "k"), keys);
                assertEquals(1, db.metrics().snapshots().size());
            }
            assertEquals(0, db.metrics().snapshots().size());
        }
    }

    @Test
    void openIteratorKeepsItsFilesAcrossCompaction() {
        try (Db db = Db.open(tmp, Options.defaults().writeBufferSize(4096).backgroundCompaction(false))) {
            for (int i = 0; i < 300; i++) {
                db.put(b(String.format("k%04d", i)), b("v" + i));
            }
            db.flush();
            try (DbIterator it = db.range(b("k0100"), b("k0200"))) {
                for (int i = 0; i < 300; i++) {
                    db.put(b(String.format("k%04d", i)), b("w" + i));
                }
                db.flush();
                db.compact(0);
                db.compact(1);
                int n = 0;
                for (; it.valid(); it.next()) {
                    assertEquals("v" + (100 + n), s(it.value()));
                    n++;
                }
                assertEquals(100, n);
            }
            assertEquals("w150", s(db.get(b("k0150"))));
        }
    }

    @Test
    void iteratorSeekAndBounds() {
        try (Db db = Db.open(tmp, Options.defaults())) {
            for (String k : new String[] {"a", "b", "c", "d", "e"}) {
                db.put(b(k), b(k.toUpperCase()));
            }
            try (DbIterator it = db.range(b("b"), b("e"))) {
                assertEquals("b", s(it.key()));
                it.seek(b("a"));
                assertEquals("b", s(it.key()), "seek below start clamps to start");
                it.seek(b("cc"));
                assertEquals("d", s(it.key()));
                it.next();
                assertFalse(it.valid(), "end is exclusive");
                assertThrows(IllegalStateException.class, it::key);
            }
        }
    }

    @Test
    void badArgumentsGetClearErrors() {
        try (Db db = Db.open(tmp, Options.defaults().maxKeySize(16))) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> db.put(null, b("v"))).getMessage()
                    .contains("key must not be null"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> db.put(b("k"), null)).getMessage()
                    .contains("value must not be null"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> db.put(new byte[17], b("v"))).getMessage()
                    .contains("exceeds maxKeySize 16"));
            assertThrows(IllegalArgumentException.class, () -> db.compact(99));
            db.put(b("ok"), b("1"));
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Db.open(tmp.resolve("x"), Options.defaults().blockSize(1)));
        assertTrue(bad.getMessage().contains("blockSize"), bad.getMessage());
    }

    @Test
    void closedDatabaseRefusesWork() {
        Db db = Db.open(tmp, Options.defaults());
        db.close();
        db.close();
        assertTrue(assertThrows(IllegalStateException.class, () -> db.get(b("k"))).getMessage().contains("closed"));
        assertThrows(IllegalStateException.class, () -> db.put(b("k"), b("v")));
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() {
        try (Db db = Db.open(tmp, Options.defaults())) {
            SedimentException e = assertThrows(SedimentException.class, () -> Db.open(tmp, Options.defaults()));
            assertTrue(e.getMessage().contains("already open") || e.getMessage().contains("in use"), e.getMessage());
            db.put(b("still"), b("works"));
        }
    }

    @Test
    void missingDatabaseWithCreateOffIsRefused() {
        SedimentException e = assertThrows(SedimentException.class,
                () -> Db.open(tmp.resolve("none"), Options.defaults().createIfMissing(false)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void concurrentSyncedWritersShareFsyncsAndAllLand() throws Exception {
        try (Db db = Db.open(tmp, Options.defaults().writeBufferSize(64 << 10))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        db.put(b("t" + thread + "-" + i), b("v" + i), WriteOptions.sync());
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < 300; i++) {
                    assertEquals("v" + i, s(db.get(b("t" + t + "-" + i))));
                }
            }
            assertEquals(2400, db.metrics().lastSequence());
        }
    }

    /** Found by the long crash run: numbers handed out before a crash must not be reused. */
    @Test
    void fileNumbersOnDiskButNotInTheManifestAreNotReused() throws Exception {
        Path dir = tmp.resolve("db");
        try (Db db = Db.open(dir, Options.defaults())) {
            db.put(b("a"), b("1"));
        }
        // a WAL and a manifest created just before a crash, with numbers the manifest never recorded
        long max = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString().replaceAll("[^0-9]", "");
                max = n.isEmpty() ? max : Math.max(max, Long.parseLong(n));
            }
        }
        for (long n = max + 1; n <= max + 10; n++) {
            Files.writeString(dir.resolve(String.format("%06d.log", n)), "");
            Files.writeString(dir.resolve(String.format("MANIFEST-%06d", n)), "");
        }
        for (int i = 0; i < 3; i++) {
            try (Db db = Db.open(dir, Options.defaults())) {
                assertEquals("1", s(db.get(b("a"))));
                db.put(b("b" + i), b("2"));
            }
        }
    }

    @Test
    void walFilesAreDeletedOnceFlushed() throws Exception {
        try (Db db = Db.open(tmp, Options.defaults().writeBufferSize(8192))) {
            for (int i = 0; i < 2000; i++) {
                db.put(b("k" + i), new byte[50]);
            }
            db.flush();
            long logs;
            try (var files = Files.list(tmp)) {
                logs = files.filter(p -> p.toString().endsWith(".log")).count();
            }
            assertEquals(1, logs, "only the live WAL remains");
        }
    }
}
