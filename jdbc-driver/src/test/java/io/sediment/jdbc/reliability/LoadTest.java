package io.sediment.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: {@code load.clients} concurrent JDBC clients (64) for {@code load.seconds} (20 in CI),
 * run by {@link LoadClients} in a child JVM against a server in this JVM, doing the mix of
 * {@link LoadClient}: point reads, small range scans, reads of other clients' rows, upserts,
 * inserts of unique keys and deletes. Meanwhile an operator flushes the memtable every second
 * ({@code CALL SYS.FLUSH()}; the SQL layer opens the engine with its default 64 MiB memtable,
 * which this workload would not fill), so level-0 files pile up and background compaction runs.
 *
 * <p>Shows, and fails if it stops being true:
 * <ul>
 *   <li>no client sees an error, and every read of a client's own keys matches what it wrote
 *       (each client owns its keys, so there is no legitimate conflict); reads of other clients'
 *       rows always see whole rows;
 *   <li>after the run, the rows of every client — counted and summed over versions by the
 *       server — match that client's model;
 *   <li>flushes and background compactions ran ({@code SYS.METRICS}, {@code SYS.COMPACTIONS});
 *   <li>the live heap of this JVM (the server), sampled after a full GC every
 *       {@code load.seconds / 12} seconds (at least 1), does not grow without bound: the median of
 *       the last third of the samples is at most {@link #GROWTH_FACTOR} times the median of the
 *       first third plus {@link #GROWTH_SLACK} — room for what legitimately fills during a run:
 *       the engine's block cache (64 MiB by default), the memtable between flushes, and the
 *       per-connection statement and plan caches — and at most {@link #PLATEAU_FACTOR} times the
 *       median of the middle third plus {@link #PLATEAU_SLACK}: once those have filled, it stays;
 *   <li>live threads stay within the clients' concurrency above the baseline, and no snapshot
 *       stays open.
 * </ul>
 * Prints throughput and p50/p99/p99.9/max latency per operation (as the clients measured them,
 * each round trip included; the heap samples' full-GC pauses, also printed, fall inside them).
 * Long run: {@code -Dload.seconds=300 -Dload.clients=64}.
 */
class LoadTest {
    static final double GROWTH_FACTOR = 1.5;
    static final long GROWTH_SLACK = 96L << 20;
    static final double PLATEAU_FACTOR = 1.25;
    static final long PLATEAU_SLACK = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void concurrentClientsWorkWithoutErrorsAndWithoutGrowth() throws Exception {
        int clients = Integer.getInteger("load.clients", 64);
        int seconds = Integer.getInteger("load.seconds", 20);
        long seed = Long.getLong("load.seed", System.nanoTime());
        System.out.println("load: " + clients + " clients for " + seconds + " s, seed " + seed);
        try (TestServer server = TestServer.start(dir); Connection admin = server.connect();
                Statement a = admin.createStatement()) {
            a.execute(LoadClient.DDL);
            double flushesBefore = TestServer.metric(admin, "flush_count");
            double compactionsBefore = TestServer.metric(admin, "compaction_count");
            int baselineThreads = TestServer.liveThreads();
            HeapSampler heap = new HeapSampler();
            long sampleEvery = Math.max(1_000, seconds * 1_000L / 12);
            List<String> lines = new ArrayList<>();
            int maxThreads = baselineThreads;
            int flushes = 0;
            try (ChildJvm child = ChildJvm.start(LoadClients.class,
                    List.of("-Xmx1g", "-Davatica.pooled.connections.per.route=" + (clients + 8),
                        "-Davatica.pooled.connections.max=" + (2 * clients + 16)),
                    server.jdbcUrl(""), Integer.toString(clients), Integer.toString(seconds), Long.toString(seed))) {
                child.awaitLine("STARTED", 120_000);
                long start = System.currentTimeMillis();
                long nextSample = start;
                long deadline = start + seconds * 1_000L + 300_000;
                while (child.isAlive() && System.currentTimeMillis() < deadline) {
                    a.execute("CALL SYS.FLUSH()");
                    flushes++;
                    long now = System.currentTimeMillis();
                    if (now >= nextSample && now < start + seconds * 1_000L) {
                        heap.sample();
                        nextSample = now + sampleEvery;
                    }
                    maxThreads = Math.max(maxThreads, TestServer.liveThreads());
                    Thread.sleep(1_000);
                }
                int exit = child.waitFor(60_000);
                lines.addAll(child.drain());
                assertEquals(0, exit, "load clients' exit code; output: " + lines);
            }
            Map<Integer, List<Long>> models = new HashMap<>();
            for (String line : lines) {
                if (line.startsWith("OP ") || line.startsWith("TOTAL ") || line.startsWith("ERROR ")) {
                    System.out.println("load: " + line);
                } else if (line.startsWith("MODEL ")) {
                    String[] f = line.split(" ");
                    models.put(Integer.parseInt(f[1]), List.of(Long.parseLong(f[2]), Long.parseLong(f[3])));
                }
            }
            assertEquals(clients, models.size(), "models reported");
            Map<Integer, List<Long>> stored = serverSideModels(admin, models.keySet());
            List<String> differences = new ArrayList<>();
            models.forEach((client, model) -> {
                if (!model.equals(stored.get(client))) {
                    differences.add("client " + client + ": model (rows, sum of versions) " + model + ", server "
                        + stored.get(client));
                }
            });
            assertEquals(List.of(), differences, "rows per client: server vs models");

            double flushCount = TestServer.metric(admin, "flush_count") - flushesBefore;
            double compactionCount = TestServer.metric(admin, "compaction_count") - compactionsBefore;
            int recentCompactions = TestServer.intQuery(admin,
                "SELECT COUNT(*) FROM SYS.COMPACTIONS WHERE KIND = 'COMPACTION'");
            System.out.printf("load: %d flush calls, %.0f flushes, %.0f compactions (%d listed in SYS.COMPACTIONS),"
                    + " stalls %.0f, write amplification %.2f%n", flushes, flushCount, compactionCount,
                recentCompactions, TestServer.metric(admin, "stall_count"),
                TestServer.metric(admin, "write_amplification"));
            assertTrue(flushCount >= 2, "flushes during the load: " + flushCount);
            assertTrue(compactionCount >= 1 && recentCompactions >= 1, "background compactions: " + compactionCount);

            System.out.println("load: live heap after GC " + heap.describe() + "; thirds "
                + heap.firstThirdMedian() / 1048576 + ", " + heap.middleThirdMedian() / 1048576 + ", "
                + heap.lastThirdMedian() / 1048576 + " MiB; longest GC pause for a sample " + heap.maxGcMillis() + " ms");
            assertTrue(heap.samples().size() >= 3, "heap samples: " + heap.samples().size());
            assertTrue(heap.lastThirdMedian() <= GROWTH_FACTOR * heap.firstThirdMedian() + GROWTH_SLACK,
                "live heap grows: " + heap.describe());
            assertTrue(heap.lastThirdMedian() <= PLATEAU_FACTOR * heap.middleThirdMedian() + PLATEAU_SLACK,
                "live heap keeps growing: " + heap.describe());

            assertEquals(0, TestServer.snapshots(admin), "snapshots open after the load");
            int threadsAfter = TestServer.liveThreads();
            System.out.println("load: live threads baseline " + baselineThreads + ", max during load " + maxThreads
                + ", after " + threadsAfter);
            assertTrue(maxThreads <= baselineThreads + clients + 40, "live threads during the load: " + maxThreads);
        }
    }

    /**
     * Per client: rows and sum of versions, as the server has them, read by one key-range scan
     * per client (written when GROUP BY on a non-key column still returned wrong results, since
     * fixed: {@code FixedBugsTest#groupByAndDistinctOnNonKeyColumnsAreRight}).
     */
    private static Map<Integer, List<Long>> serverSideModels(Connection c, Iterable<Integer> clients)
            throws SQLException {
        Map<Integer, List<Long>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CLIENT, VER FROM LOAD WHERE ID BETWEEN ? AND ?")) {
            for (int client : clients) {
                ps.setLong(1, client * LoadClient.SPAN);
                ps.setLong(2, (client + 1) * LoadClient.SPAN - 1);
                long rows = 0;
                long sum = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        sum += rs.getInt(1) == client ? rs.getLong(2) : -1_000_000_000L;
                    }
                }
                out.put(client, List.of(rows, sum));
            }
        }
        return out;
    }
}
