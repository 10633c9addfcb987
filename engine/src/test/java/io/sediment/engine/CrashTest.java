package io.sediment.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import io.sediment.engine.util.CrashPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with {@code kill -9} (SIGKILL: no shutdown hooks, no flush) at random
 * moments — mid-write, mid-flush, mid-compaction, mid-manifest-update — reopens the database and
 * checks it against the operation history: every acknowledged operation is present, nothing
 * unacknowledged beyond the one in flight, deletes are not resurrected, and recovery leaves a
 * directory that the next cycle opens again. {@code -Dcycles=N} runs longer (default 20). A second
 * test kills the child at each of the engine's chosen {@link CrashPoints}, {@code -DpointCycles=N}
 * times each (default 3).
 */
class CrashTest {
    @TempDir
    Path tmp;

    @Test
    void killNineAtRandomMomentsLosesNothingAcknowledged() throws Exception {
        int cycles = Integer.getInteger("cycles", 20);
        long seed = Long.getLong("seed", System.nanoTime());
        Random rnd = new Random(seed);
        History history = new History(tmp.resolve("db"));
        for (int cycle = 0; cycle < cycles; cycle++) {
            int pause = rnd.nextInt(600);
            history.cycle(rnd, null, 0, child -> Thread.sleep(pause), "cycle " + cycle + " (seed " + seed + ")");
        }
        System.out.println("crash test: " + cycles + " kill -9 cycles survived, " + CHECKPOINTS_VERIFIED.get()
                + " checkpoints verified (seed " + seed + ")");
    }

    /**
     * The child stops at one {@link CrashPoints chosen point} — the n-th time it passes it — and is
     * killed there: between a flush's table and its manifest edit, between compaction outputs,
     * after a manifest append before its fsync, before a compaction's inputs are deleted, between a
     * new manifest and CURRENT, between CURRENT.tmp and its rename. Three cycles per point (or
     * {@code -DpointCycles}) on one database, so each reopen also recovers from the previous crash.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crashPoints")
    void killNineAtEachChosenPointLosesNothingAcknowledged(String point) throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        Random rnd = new Random(seed);
        History history = new History(tmp.resolve("db"));
        // The manifest is rewritten and CURRENT switched at every open (later only by checkpoints
        // and a full manifest, too rare to wait for): those two points are taken on their first pass.
        boolean atOpen = point.equals(CrashPoints.NEW_MANIFEST_WRITTEN)
                || point.equals(CrashPoints.CURRENT_TEMP_WRITTEN);
        int cycles = Integer.getInteger("pointCycles", 3);
        for (int cycle = 0; cycle < cycles; cycle++) {
            int hit = atOpen ? 1 : 1 + rnd.nextInt(3);
            history.cycle(rnd, point, hit, History::awaitCrashPoint,
                    point + " hit " + hit + ", cycle " + cycle + " (seed " + seed + ")");
        }
    }

    static List<String> crashPoints() {
        return CrashPoints.ALL;
    }

    /** What the database must hold: operations {@code [0, applied)} of {@link CrashOps}. */
    private static final class History {
        final Path dir;
        TreeMap<String, byte[]> model = new TreeMap<>();
        long applied;

        History(Path dir) {
            this.dir = dir;
        }

        /** Waits for the child's report that it stopped at its crash point. */
        static void awaitCrashPoint(Child child) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 120_000;
            while (child.crashPoint.get() == null && System.currentTimeMillis() < deadline && child.process.isAlive()) {
                Thread.sleep(2);
            }
            assertTrue(child.crashPoint.get() != null, "the child never reached its crash point");
        }

        /**
         * Starts a child that continues the history, lets it write at least 50 operations, calls
         * {@code beforeKill}, kills it with {@code kill -9}, reopens and checks the database.
         */
        void cycle(Random rnd, String point, int hit, BeforeKill beforeKill, String what) throws Exception {
            String style = rnd.nextBoolean() ? "LEVELED" : "TIERED";
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                    Long.toString(applied), Long.toString(rnd.nextLong()), style));
            if (point != null) {
                command.add(point);
                command.add(Integer.toString(hit));
            }
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Child child = new Child(pb.start(), applied - 1);
            long deadline = System.currentTimeMillis() + 10_000;
            while (point == null && child.lastAck.get() < applied + 50 && System.currentTimeMillis() < deadline
                    && child.process.isAlive()) {
                Thread.sleep(5);
            }
            assertTrue(child.process.isAlive(), "child died on its own: " + what);
            beforeKill.run(child);
            // kill -9 rather than destroyForcibly(): the JDK closes our end of the pipe on destroy,
            // which would drop ACK lines the child wrote just before dying.
            new ProcessBuilder("kill", "-9", Long.toString(child.process.pid())).start().waitFor();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            child.reader.join();
            long acked = child.lastAck.get();
            verifyCheckpoints(child.checkpoints, model, applied, what);
            // Every acknowledged operation must be there; the one in flight may or may not be.
            TreeMap<String, byte[]> expected = new TreeMap<>(model);
            for (long n = applied; n <= acked; n++) {
                CrashOps.apply(expected, n);
            }
            TreeMap<String, byte[]> withInFlight = new TreeMap<>(expected);
            CrashOps.apply(withInFlight, acked + 1);
            try (Db db = Db.open(dir, CrashOps.options().backgroundCompaction(false))) {
                assertNoOrphanOrMissingTable(db, dir, what);
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
                    fail(what + ": recovered state matches neither " + (acked + 1) + " nor " + (acked + 2)
                            + " applied operations; recovered " + actual.size() + " keys, expected "
                            + expected.size() + describeDifference(actual, expected));
                }
            }
        }
    }

    /** What the test does between starting the child and killing it. */
    private interface BeforeKill {
        void run(Child child) throws Exception;
    }

    /** A running {@link CrashChild} and what it reported: ACKs, checkpoints, the crash point reached. */
    private static final class Child {
        final Process process;
        final AtomicLong lastAck;
        final Map<Path, Long> checkpoints = new ConcurrentHashMap<>();
        final AtomicReference<String> crashPoint = new AtomicReference<>();
        final Thread reader;

        Child(Process process, long lastAck) {
            this.process = process;
            this.lastAck = new AtomicLong(lastAck);
            this.reader = new Thread(this::read);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        lastAck.set(Long.parseLong(line.substring(4)));
                    } else if (line.startsWith("CHECKPOINT ")) {
                        String[] parts = line.split(" ");
                        checkpoints.put(Path.of(parts[1]), Long.parseLong(parts[2]));
                    } else if (line.startsWith("AT ")) {
                        crashPoint.set(line.substring(3));
                    }
                }
            } catch (Exception ignored) {
                // the child was killed
            }
        }
    }

    /** Every checkpoint the child reported opens and holds exactly the operations up to its point. */
    private static void verifyCheckpoints(Map<Path, Long> checkpoints, TreeMap<String, byte[]> model, long applied,
                                          String what) {
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
                assertTrue(sameContents(actual, expected), what + ": checkpoint "
                        + cp.getKey() + " does not hold exactly operations up to " + cp.getValue());
            }
            CHECKPOINTS_VERIFIED.incrementAndGet();
        }
    }

    private static final AtomicLong CHECKPOINTS_VERIFIED = new AtomicLong();

    /** After recovery the directory holds exactly the tables the manifest names. */
    private static void assertNoOrphanOrMissingTable(Db db, Path dir, String what) throws java.io.IOException {
        java.util.Set<String> live = new java.util.TreeSet<>();
        for (Metrics.TableInfo t : db.metrics().tables()) {
            live.add(t.file());
        }
        java.util.Set<String> onDisk = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sst")).forEach(onDisk::add);
        }
        assertTrue(onDisk.equals(live), what + ": tables on disk " + onDisk + " but manifest names " + live);
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
