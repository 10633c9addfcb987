package io.sediment.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with {@code kill -9} (SIGKILL: no shutdown hooks, no flush) at random
 * moments — mid-write, mid-flush, mid-compaction, mid-manifest-update — reopens the database and
 * checks it against the operation history: every acknowledged operation is present, nothing
 * unacknowledged beyond the one in flight, deletes are not resurrected, and recovery leaves a
 * directory that the next cycle opens again. {@code -Dcycles=N} runs longer (default 20).
 */
class CrashTest {
    @TempDir
    Path tmp;

    @Test
    void killNineAtRandomMomentsLosesNothingAcknowledged() throws Exception {
        int cycles = Integer.getInteger("cycles", 20);
        long seed = Long.getLong("seed", System.nanoTime());
        Random rnd = new Random(seed);
        Path dir = tmp.resolve("db");
        TreeMap<String, byte[]> model = new TreeMap<>();
        long applied = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            String style = rnd.nextBoolean() ? "LEVELED" : "TIERED";
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                    Long.toString(applied), Long.toString(rnd.nextLong()), style);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process child = pb.start();
            AtomicLong lastAck = new AtomicLong(applied - 1);
            Map<Path, Long> checkpoints = new java.util.concurrent.ConcurrentHashMap<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("ACK ")) {
                            lastAck.set(Long.parseLong(line.substring(4)));
                        } else if (line.startsWith("CHECKPOINT ")) {
                            String[] parts = line.split(" ");
                            checkpoints.put(Path.of(parts[1]), Long.parseLong(parts[2]));
                        }
                    }
                } catch (Exception ignored) {
                    // the child was killed
                }
            });
            reader.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (lastAck.get() < applied + 50 && System.currentTimeMillis() < deadline && child.isAlive()) {
                Thread.sleep(5);
            }
            assertTrue(child.isAlive(), "child died on its own in cycle " + cycle + " (seed " + seed + ")");
            Thread.sleep(rnd.nextInt(600));
            // kill -9 rather than destroyForcibly(): the JDK closes our end of the pipe on destroy,
            // which would drop ACK lines the child wrote just before dying.
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join();
            long acked = lastAck.get();
            verifyCheckpoints(checkpoints, model, applied, cycle, seed);
            // Every acknowledged operation must be there; the one in flight may or may not be.
            TreeMap<String, byte[]> expected = new TreeMap<>(model);
            for (long n = applied; n <= acked; n++) {
                CrashOps.apply(expected, n);
            }
            TreeMap<String, byte[]> withInFlight = new TreeMap<>(expected);
            CrashOps.apply(withInFlight, acked + 1);
            try (Db db = Db.open(dir, CrashOps.options().backgroundCompaction(false))) {
                assertNoOrphanOrMissingTable(db, dir, cycle);
                TreeMap<String, byte[]> actual = new TreeMap<>();
                try (DbIterator it = db.range(null, null)) {
                    for (; it.valid(); it.next()) {
                        actual.put(new String(it.key(), StandardCharsets.US_ASCII), it.value());
                    }
                }
                if (sameContents(actual, expected)) {
                    applied = acked + 1;
                    model = expected;
                } else if (sameContents(actual, withInFlight)) {
                    applied = acked + 2;
                    model = withInFlight;
                } else {
                    fail("cycle " + cycle + " (seed " + seed + "): recovered state matches neither " + (acked + 1)
                            + " nor " + (acked + 2) + " applied operations; recovered " + actual.size()
                            + " keys, expected " + expected.size() + describeDifference(actual, expected));
                }
            }
        }
        System.out.println("crash test: " + cycles + " kill -9 cycles survived, " + CHECKPOINTS_VERIFIED.get()
                + " checkpoints verified (seed " + seed + ")");
    }

    /** Every checkpoint the child reported opens and holds exactly the operations up to its point. */
    private static void verifyCheckpoints(Map<Path, Long> checkpoints, TreeMap<String, byte[]> model, long applied,
                                          int cycle, long seed) {
        for (Map.Entry<Path, Long> cp : checkpoints.entrySet()) {
            TreeMap<String, byte[]> expected = new TreeMap<>(model);
            for (long n = applied; n <= cp.getValue(); n++) {
                CrashOps.apply(expected, n);
            }
            try (Db db = Db.open(cp.getKey(), CrashOps.options().backgroundCompaction(false))) {
                TreeMap<String, byte[]> actual = new TreeMap<>();
                try (DbIterator it = db.range(null, null)) {
                    for (; it.valid(); it.next()) {
                        actual.put(new String(it.key(), StandardCharsets.US_ASCII), it.value());
                    }
                }
                assertTrue(sameContents(actual, expected), "cycle " + cycle + " (seed " + seed + "): checkpoint "
                        + cp.getKey() + " does not hold exactly operations up to " + cp.getValue());
            }
            CHECKPOINTS_VERIFIED.incrementAndGet();
        }
    }

    private static final AtomicLong CHECKPOINTS_VERIFIED = new AtomicLong();

    /** After recovery the directory holds exactly the tables the manifest names. */
    private static void assertNoOrphanOrMissingTable(Db db, Path dir, int cycle) throws java.io.IOException {
        java.util.Set<String> live = new java.util.TreeSet<>();
        for (Metrics.TableInfo t : db.metrics().tables()) {
            live.add(t.file());
        }
        java.util.Set<String> onDisk = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sst")).forEach(onDisk::add);
        }
        assertTrue(onDisk.equals(live), "cycle " + cycle + ": tables on disk " + onDisk + " but manifest names " + live);
    }

    private static boolean sameContents(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String describeDifference(Map<String, byte[]> actual, Map<String, byte[]> expected) {
        StringBuilder sb = new StringBuilder();
        for (String k : expected.keySet()) {
            if (!actual.containsKey(k)) {
                sb.append("; missing ").append(k);
                break;
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                sb.append("; unexpected ").append(k);
                break;
            }
        }
        return sb.toString();
    }
}
