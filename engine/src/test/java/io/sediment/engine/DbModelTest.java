package io.sediment.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.sediment.engine.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model-based randomized test: thousands of random operations (put, delete, batch, get, range,
 * snapshot, flush, compaction, style switch, reopen) run against the database and against a
 * {@link TreeMap}; every read must agree with the model, at the current state and at every open
 * snapshot. Runs with several option sets, from tiny memtables and blocks (many files, many
 * compactions) to defaults. The seed is printed on failure; rerun one with -Dseed=N.
 */
class DbModelTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> optionSets() {
        return Stream.of(
                Arguments.of("tiny memtable, tiny blocks, lz4", (java.util.function.Supplier<Options>) () -> Options.defaults()
                        .writeBufferSize(4096).blockSize(64).blockRestartInterval(2).targetFileSize(2048)
                        .level1TargetBytes(8192).levelSizeRatio(3).level0CompactionTrigger(2).compactionThreads(2)),
                Arguments.of("tiny memtable, no compression, no bloom, tiered", (java.util.function.Supplier<Options>) () -> Options.defaults()
                        .writeBufferSize(8192).blockSize(256).compression(false).bloomBitsPerKey(0)
                        .targetFileSize(4096).compactionStyle(CompactionStyle.TIERED).level0CompactionTrigger(3)),
                Arguments.of("manual compaction only, 1 restart", (java.util.function.Supplier<Options>) () -> Options.defaults()
                        .writeBufferSize(16384).blockRestartInterval(1).backgroundCompaction(false)),
                Arguments.of("defaults", (java.util.function.Supplier<Options>) Options::defaults));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void randomOperationsAgreeWithTreeMap(String name, java.util.function.Supplier<Options> options) {
        long seed = Long.getLong("seed", System.nanoTime());
        try {
            run(new Random(seed), options, Integer.getInteger("modelOps", 4000));
        } catch (Throwable t) {
            throw new AssertionError("model test failed (" + name + "), rerun with -Dseed=" + seed, t);
        }
    }

    private static final class HeldSnapshot {
        final Snapshot snapshot;
        final TreeMap<String, byte[]> model;

        HeldSnapshot(Snapshot snapshot, TreeMap<String, byte[]> model) {
            this.snapshot = snapshot;
            this.model = model;
        }
    }

    private void run(Random rnd, java.util.function.Supplier<Options> options, int ops) {
        Path dir = tmp.resolve("db");
        TreeMap<String, byte[]> model = new TreeMap<>();
        List<HeldSnapshot> snaps = new ArrayList<>();
        Db db = Db.open(dir, options.get());
        try {
            for (int i = 0; i < ops; i++) {
                int op = rnd.nextInt(100);
                if (op < 40) {
                    String k = key(rnd);
                    byte[] v = value(rnd);
                    db.put(bytes(k), v);
                    model.put(k, v);
                } else if (op < 50) {
                    String k = key(rnd);
                    db.delete(bytes(k));
                    model.remove(k);
                } else if (op < 55) {
                    WriteBatch b = new WriteBatch();
                    for (int j = rnd.nextInt(10); j >= 0; j--) {
                        String k = key(rnd);
                        if (rnd.nextInt(4) == 0) {
                            b.delete(bytes(k));
                            model.remove(k);
                        } else {
                            byte[] v = value(rnd);
                            b.put(bytes(k), v);
                            model.put(k, v);
                        }
                    }
                    db.write(b, rnd.nextInt(10) == 0 ? WriteOptions.sync() : WriteOptions.defaults());
                } else if (op < 75) {
                    String k = key(rnd);
                    byte[] expected = model.get(k);
                    byte[] actual = db.get(bytes(k));
                    if (expected == null ? actual != null : actual == null || !java.util.Arrays.equals(expected, actual)) {
                        fail("get(" + k + ") at op " + i + ": expected " + Bytes.toHex(expected) + " got "
                                + Bytes.toHex(actual));
                    }
                } else if (op < 83) {
                    checkRange(db, null, model, rnd);
                } else if (op < 87) {
                    if (snaps.size() < 3) {
                        snaps.add(new HeldSnapshot(db.snapshot(), new TreeMap<>(model)));
                    } else {
                        HeldSnapshot h = snaps.remove(rnd.nextInt(snaps.size()));
                        checkRange(db, h.snapshot, h.model, rnd);
                        String k = key(rnd);
                        assertArrayEquals(h.model.get(k), db.get(bytes(k), h.snapshot), "snapshot get " + k);
                        h.snapshot.close();
                    }
                } else if (op < 90) {
                    db.flush();
                } else if (op < 92) {
                    db.compact(rnd.nextInt(3));
                } else if (op < 93) {
                    db.setCompactionStyle(rnd.nextBoolean() ? CompactionStyle.LEVELED : CompactionStyle.TIERED);
                } else if (op < 94) {
                    for (HeldSnapshot h : snaps) {
                        h.snapshot.close();
                    }
                    snaps.clear();
                    db.close();
                    db = Db.open(dir, options.get());
                } else {
                    for (HeldSnapshot h : snaps) {
                        checkRange(db, h.snapshot, h.model, rnd);
                    }
                }
            }
            checkRange(db, null, model, rnd);
            db.close();
            db = Db.open(dir, options.get());
            assertEquals(model.size(), countAll(db), "entries after final reopen");
            checkRange(db, null, model, rnd);
        } finally {
            db.close();
        }
    }

    private static long countAll(Db db) {
        long n = 0;
        try (DbIterator it = db.range(null, null)) {
            for (; it.valid(); it.next()) {
                n++;
            }
        }
        return n;
    }

    private static void checkRange(Db db, Snapshot snapshot, TreeMap<String, byte[]> model, Random rnd) {
        String lo = rnd.nextInt(4) == 0 ? null : key(rnd);
        String hi = rnd.nextInt(4) == 0 ? null : key(rnd);
        if (lo != null && hi != null && lo.compareTo(hi) > 0) {
            String t = lo;
            lo = hi;
            hi = t;
        }
        Map<String, byte[]> expected = lo == null ? (hi == null ? model : model.headMap(hi))
                : (hi == null ? model.tailMap(lo) : model.subMap(lo, hi));
        List<String> expectedKeys = new ArrayList<>(expected.keySet());
        List<String> actualKeys = new ArrayList<>();
        try (DbIterator it = db.range(lo == null ? null : bytes(lo), hi == null ? null : bytes(hi), snapshot)) {
            for (; it.valid(); it.next()) {
                String k = new String(it.key(), StandardCharsets.ISO_8859_1);
                actualKeys.add(k);
                byte[] v = expected.get(k);
                if (v == null || !java.util.Arrays.equals(v, it.value())) {
                    fail("range [" + lo + ", " + hi + ") returned " + k + " with a wrong or unexpected value");
                }
            }
            if (!expectedKeys.isEmpty()) {
                String seekTo = expectedKeys.get(rnd.nextInt(expectedKeys.size()));
                it.seek(bytes(seekTo));
                assertEquals(seekTo, new String(it.key(), StandardCharsets.ISO_8859_1), "seek");
            }
        }
        assertEquals(expectedKeys, actualKeys, "keys of range [" + lo + ", " + hi + ")");
    }

    private static String key(Random rnd) {
        int n = rnd.nextInt(600);
        return switch (n % 3) {
            case 0 -> "k" + n;
            case 1 -> "key/" + String.format("%05d", n);
            default -> "key/" + String.format("%05d", n) + "/suffix-" + (n * 7);
        };
    }

    private static byte[] value(Random rnd) {
        byte[] v = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(400) : rnd.nextInt(40)];
        if (rnd.nextBoolean()) {
            rnd.nextBytes(v);
        } else {
            java.util.Arrays.fill(v, (byte) ('a' + rnd.nextInt(26)));
        }
        return v;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
