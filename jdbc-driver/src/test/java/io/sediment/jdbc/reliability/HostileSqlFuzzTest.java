package io.sediment.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile SQL against a running server: several remote clients (Sediment's driver and the stock
 * Avatica client) send {@link HostileSql}'s statements — valid, mutated, prepared with wrong
 * parameters, huge, long, deeply nested, random bytes, code-loading DDL, writes to {@code SYS} —
 * while a checker thread keeps reading the reference table {@code REFDATA} through the server.
 *
 * <p>Shows, and fails if it stops being true:
 * <ul>
 *   <li>every call gets a result or an {@link SQLException} with a message — no other exception
 *       escapes the driver, and no call takes longer than {@link #HANG_MILLIS};
 *   <li>DDL that would load Java code and writes to {@code SYS} are refused;
 *   <li>the checker always reads {@code REFDATA} complete and exactly as written, and the server
 *       keeps answering while the fuzz runs;
 *   <li>afterwards the server is up, accepts reads and writes from new connections of both
 *       clients, holds no engine snapshot or iterator, no SSTable stays pinned by an engine iterator that
 *       nobody holds any more, and the JVM (which hosts the server) is back within
 *       {@link #THREAD_SLACK} threads of its baseline.
 * </ul>
 * Errors whose root cause is an internal failure rather than a message about the statement are
 * counted and printed (see {@link OutcomeTally}), not failed.
 *
 * <p>CI runs {@code fuzz.statements} = 1,000 calls from {@code fuzz.clients} = 3 clients; the
 * long run is {@code -Dfuzz.statements=100000}. {@code -Dfuzz.seed=N} repeats a run (the seed is
 * printed; with more than one client the interleaving still varies).
 */
class HostileSqlFuzzTest {
    /**
     * A call slower than this is a hang. Generous, because a shared CI machine can be many times
     * slower than usual: the slowest statements made take a second or two on an idle machine.
     */
    static final long HANG_MILLIS = 120_000;
    /** The clients' HTTP response timeout: longer than a hang, so that a hang is seen as one. */
    static final int CLIENT_TIMEOUT_MILLIS = 180_000;
    /** Threads the JVM may keep above its baseline after the run (idle pool threads, GC). */
    static final int THREAD_SLACK = 10;
    /** Statements that would write REFDATA; the generator never makes one, this makes sure. */
    private static final Pattern WRITES_REF = Pattern.compile(
        "(?i)(INTO|UPDATE|DELETE\\s+FROM|TABLE|TRUNCATE)\\s+(\"?PUBLIC\"?\\s*\\.\\s*)?\"?REFDATA\\b");

    @TempDir
    Path dir;

    @Test
    void everyHostileStatementGetsAnAnswerAndReferenceDataStaysIntact() throws Exception {
        int statements = Integer.getInteger("fuzz.statements", 1_000);
        int clients = Integer.getInteger("fuzz.clients", 3);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("hostile SQL fuzz: " + statements + " calls, " + clients + " clients, seed " + seed);
        try (TestServer server = TestServer.start(dir)) {
            long expected = ReferenceTable.expectedChecksum();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                for (String ddl : SqlGrammar.SCHEMA) {
                    s.execute(ddl);
                }
                ReferenceTable.create(c);
                assertEquals(expected, ReferenceTable.checksum(c), "REFDATA as written");
            }
            int baselineThreads = TestServer.liveThreads();

            OutcomeTally tally = new OutcomeTally();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            AtomicLong remaining = new AtomicLong(statements);
            AtomicLong skipped = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Worker[] workers = new Worker[clients];
            long started = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                String url = i % 3 == 2
                    ? "jdbc:avatica:remote:url=" + server.httpUrl() + ";serialization=PROTOBUF;http_response_timeout="
                        + CLIENT_TIMEOUT_MILLIS
                    : server.jdbcUrl(CLIENT_TIMEOUT_MILLIS, "");
                workers[i] = new Worker(i, url, new HostileSql(seed + i), tally, violations, remaining, skipped, stop);
                workers[i].start();
            }
            Checker checker = new Checker(server, expected, workers, violations, stop);
            checker.start();
            for (Worker w : workers) {
                w.join(Math.max(600_000, statements * 2_000L));
            }
            stop.set(true);
            checker.join(120_000);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("hostile SQL fuzz: %d calls in %.1f s (%.0f/s), %d skipped, %d reference checks,"
                    + " slowest call %d ms, slowest check %d ms%n", tally.total(), seconds, tally.total() / seconds,
                skipped.get(), checker.checks, maxCallMillis(workers), checker.slowestMillis);
            System.out.print(tally.report());

            assertTrue(violations.isEmpty(), violations.size() + " violations (seed " + seed + "):\n"
                + String.join("\n", violations.stream().limit(20).toList()));
            for (Worker w : workers) {
                assertTrue(!w.isAlive(), "worker " + w.id + " did not finish: " + w.current);
            }
            assertEquals(statements, tally.total() + skipped.get(), "calls made");
            assertTrue(checker.checks >= 2, "the checker ran " + checker.checks + " times");

            // Afterwards: both clients connect, read REFDATA intact and write; nothing stays pinned.
            for (String url : List.of(server.jdbcUrl(""),
                    "jdbc:avatica:remote:url=" + server.httpUrl() + ";serialization=PROTOBUF")) {
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    assertEquals(expected, ReferenceTable.checksum(c), "REFDATA after the fuzz via " + url);
                    s.execute("UPSERT INTO F1 (A, B) VALUES (-7, 'still writable')");
                    assertEquals(1, TestServer.intQuery(c, "SELECT COUNT(*) FROM F1 WHERE A = -7"));
                }
            }
            try (Connection c = server.connect()) {
                assertEquals(0, TestServer.snapshots(c), "engine snapshots left open by the fuzz");
                assertEquals(0, TestServer.metric(c, "open_iterators"), "engine iterators left open by the fuzz");
                assertEquals(0, server.pinnedTableFiles(c), "SSTables pinned by iterators the fuzz left open");
            }
            int threads = TestServer.awaitThreadsAtMost(baselineThreads + THREAD_SLACK, 90_000);
            System.out.println("hostile SQL fuzz: live threads " + baselineThreads + " before, " + threads + " after");
            assertTrue(threads <= baselineThreads + THREAD_SLACK,
                "live threads " + threads + " vs baseline " + baselineThreads);
        }
    }

    private static long maxCallMillis(Worker[] workers) {
        long max = 0;
        for (Worker w : workers) {
            max = Math.max(max, w.slowestMillis);
        }
        return max;
    }

    /** One hostile client: its own connection and generator, until the shared budget is spent. */
    private static final class Worker extends Thread {
        final int id;
        private final String url;
        private final HostileSql generator;
        private final OutcomeTally tally;
        private final ConcurrentLinkedQueue<String> violations;
        private final AtomicLong remaining;
        private final AtomicLong skipped;
        private final AtomicBoolean stop;
        private final Deque<String> recent = new ArrayDeque<>();
        volatile long startedAt;
        volatile FuzzCase current;
        volatile long slowestMillis;

        Worker(int id, String url, HostileSql generator, OutcomeTally tally, ConcurrentLinkedQueue<String> violations,
                AtomicLong remaining, AtomicLong skipped, AtomicBoolean stop) {
            super("hostile-sql-" + id);
            setDaemon(true);
            this.id = id;
            this.url = url;
            this.generator = generator;
            this.tally = tally;
            this.violations = violations;
            this.remaining = remaining;
            this.skipped = skipped;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (Connection c = DriverManager.getConnection(url)) {
                long n = 0;
                long nextReport = 10_000;
                while (!stop.get() && remaining.getAndDecrement() > 0) {
                    FuzzCase f = generator.next();
                    if (WRITES_REF.matcher(f.sql()).find()) {
                        skipped.incrementAndGet();
                        continue;
                    }
                    remember(f);
                    current = f;
                    startedAt = System.nanoTime();
                    String violation = FuzzRunner.run(c, f, tally);
                    long millis = (System.nanoTime() - startedAt) / 1_000_000;
                    startedAt = 0;
                    tally.time(f.kind(), millis);
                    slowestMillis = Math.max(slowestMillis, millis);
                    if (violation != null) {
                        violations.add("client " + id + ": " + violation);
                        System.out.println("violation: client " + id + ": " + violation);
                    }
                    if (++n % 50 == 0 || c.isClosed()) {
                        probe(c);
                    }
                    if (id == 0 && tally.total() >= nextReport) {
                        System.out.println("hostile SQL fuzz: " + tally.total() + " calls done");
                        nextReport += 10_000;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                violations.add("client " + id + " failed outside a fuzzed call: " + e + "; recent: " + recent);
            }
        }

        private boolean brokenConnectionReported;

        /**
         * Checks that the server still answers. A connection left unusable by a fuzzed call while a
         * fresh connection works is an open bug of the SQL layer (an NPE on the next statement, seen
         * rarely and not reproducible by seed because it depends on the clients' interleaving): it is
         * reported once per client, not failed. The server itself not answering is a violation.
         */
        private void probe(Connection c) {
            try {
                TestServer.intQuery(c, "SELECT COUNT(*) FROM REFDATA WHERE K = 1");
            } catch (SQLException | RuntimeException e) {
                try (Connection fresh = DriverManager.getConnection(url)) {
                    TestServer.intQuery(fresh, "SELECT COUNT(*) FROM REFDATA WHERE K = 1");
                    if (!brokenConnectionReported) {
                        brokenConnectionReported = true;
                        System.out.println("hostile SQL fuzz: KNOWN BUG: client " + id
                                + "'s connection unusable after " + recent + ": " + e);
                    }
                } catch (SQLException | RuntimeException again) {
                    violations.add("client " + id + ": server unusable after " + recent + ": " + again);
                    stop.set(true);
                }
            }
        }

        private void remember(FuzzCase f) {
            synchronized (recent) {
                recent.addLast(f.shortSql());
                if (recent.size() > 5) {
                    recent.removeFirst();
                }
            }
        }

        String recent() {
            synchronized (recent) {
                return new ArrayList<>(recent).toString();
            }
        }
    }

    /** Verifies REFDATA through the server in a loop and watches the workers for hung calls. */
    private static final class Checker extends Thread {
        private final TestServer server;
        private final long expected;
        private final Worker[] workers;
        private final ConcurrentLinkedQueue<String> violations;
        private final AtomicBoolean stop;
        volatile long checks;
        volatile long slowestMillis;

        Checker(TestServer server, long expected, Worker[] workers, ConcurrentLinkedQueue<String> violations,
                AtomicBoolean stop) {
            super("reference-checker");
            setDaemon(true);
            this.server = server;
            this.expected = expected;
            this.workers = workers;
            this.violations = violations;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (Connection c = server.connect()) {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    long sum = ReferenceTable.checksum(c);
                    slowestMillis = Math.max(slowestMillis, (System.nanoTime() - t0) / 1_000_000);
                    checks++;
                    if (sum != expected) {
                        StringBuilder sb = new StringBuilder("REFDATA changed under the fuzz; recent calls:");
                        for (Worker w : workers) {
                            sb.append("\n  client ").append(w.id).append(": ").append(w.recent());
                        }
                        violations.add(sb.toString());
                        stop.set(true);
                    }
                    for (Worker w : workers) {
                        long at = w.startedAt;
                        if (at != 0 && System.nanoTime() - at > HANG_MILLIS * 1_000_000) {
                            violations.add("client " + w.id + ": no answer within " + HANG_MILLIS + " ms to "
                                + w.current.shortSql());
                            stop.set(true);
                        }
                    }
                    Thread.sleep(200);
                }
            } catch (SQLException | RuntimeException e) {
                violations.add("the checker could not read REFDATA through the server: " + e);
                stop.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
