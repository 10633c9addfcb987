package io.sediment.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.calcite.catalog.DatabaseRegistry;
import io.sediment.jdbc.server.ServerSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that vanish mid-result without closing anything: a child JVM that opens results over
 * the big tables of {@link ClientDisconnectTest}, reads part of them and is killed with
 * {@code kill -9}, and a connection of this JVM dropped without {@code close()}, round after round.
 *
 * <p>What the server guarantees, and this test shows: such a client holds at most what it had
 * open — one snapshot per open multi-range result — while the other clients keep reading and
 * writing; live threads return near their baseline after every round and do not grow round after
 * round. The server cannot know such a client is gone, so its snapshots stay open until Avatica's
 * statement cache expires the abandoned statements, 5 minutes after their last use (a default
 * the server does not change); the connection cache is to close the connections after
 * {@code idleConnectionMinutes} (1 here), which also closes their statements; the server sweeps
 * both caches every 5 s so that expiry happens on time
 * ({@code FixedBugsTest#abandonedConnectionsExpire}). CI checks the bound;
 * {@code -Ddisconnect.awaitExpiry=true} also waits (up to 8 minutes, polling) for every snapshot
 * and server-side connection to be released, and prints when that happened.
 */
class AbandonedClientTest {
    /** Threads the JVM may keep above its baseline (idle server pool threads, the child's pipes). */
    static final int THREAD_SLACK = ClientDisconnectTest.THREAD_SLACK;
    private static final int ROWS = ClientDisconnectTest.ROWS;

    @TempDir
    Path dir;
    private TestServer server;

    @Test
    void killedAndDroppedClientsHoldOnlyWhatTheyHadOpen() throws Exception {
        int rounds = Integer.getInteger("disconnect.rounds", 2);
        int childConnections = 4;
        int childResults = 2;
        server = TestServer.start(dir, new ServerSettings().idleConnectionMinutes(1));
        try (Connection admin = server.connect()) {
            ClientDisconnectTest.createBigTables(admin);
            int baselineSnapshots = TestServer.snapshots(admin);
            int baselineThreads = TestServer.liveThreads();
            int baselineConnections = DatabaseRegistry.references(server.dbDir());
            int held = 0;
            List<Integer> threadsAfterRound = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                int before = TestServer.snapshots(admin);
                // A child JVM that reads part of its results and is killed with kill -9.
                try (ChildJvm child = ChildJvm.start(AbandoningClient.class, List.of("-Xmx128m"),
                        server.jdbcUrl(""), Integer.toString(childConnections), Integer.toString(childResults))) {
                    child.awaitLine("READY", 120_000);
                    // A connection of this JVM, dropped without close.
                    dropConnectionMidRead();
                    int open = childConnections * childResults + 1;
                    assertEquals(before + open, TestServer.snapshots(admin), "snapshots held by the clients");
                    child.kill9();
                    held += open;
                }
                // The others are unaffected: a new client reads and writes.
                try (Connection c = server.connect(); Statement s = c.createStatement()) {
                    assertEquals(ROWS, TestServer.intQuery(c, "SELECT COUNT(*) FROM BIG1 WHERE K < " + ROWS));
                    s.execute("UPSERT INTO BIG2 VALUES (" + (ROWS + 10 + round) + ", 'after a kill')");
                }
                int snapshots = TestServer.snapshots(admin);
                assertTrue(snapshots <= baselineSnapshots + held, "snapshots " + snapshots + " > baseline "
                    + baselineSnapshots + " + held " + held);
                int threads = TestServer.awaitThreadsAtMost(baselineThreads + THREAD_SLACK, 90_000);
                threadsAfterRound.add(threads);
                assertTrue(threads <= baselineThreads + THREAD_SLACK,
                    "live threads " + threads + " after round " + round + ", baseline " + baselineThreads);
            }
            System.out.println("abandoned clients: " + held + " snapshots held after " + rounds
                + " rounds (baseline " + baselineSnapshots + "); live threads baseline " + baselineThreads
                + ", after each round " + threadsAfterRound + "; server-side connections "
                + DatabaseRegistry.references(server.dbDir()) + " (baseline " + baselineConnections + ")");
            assertTrue(threadsAfterRound.get(rounds - 1) <= threadsAfterRound.get(0) + 3,
                "live threads grow round after round: " + threadsAfterRound);
            if (Boolean.getBoolean("disconnect.awaitExpiry")) {
                awaitExpiry(admin, baselineSnapshots, baselineConnections);
            }
        } finally {
            server.close();
        }
    }

    private void dropConnectionMidRead() throws SQLException {
        Connection c = server.connect();
        Statement s = c.createStatement();
        s.setFetchSize(25);
        ResultSet rs = s.executeQuery(ClientDisconnectTest.multiRangeQuery(5));
        for (int n = 0; n < 60; n++) {
            assertTrue(rs.next());
        }
        // c, s and rs go out of scope here, never closed.
    }

    /** Polls (each poll is also cache activity, which drives Avatica's expiry) until all is released. */
    private void awaitExpiry(Connection admin, int baselineSnapshots, int baselineConnections)
            throws Exception {
        long start = System.currentTimeMillis();
        long deadline = start + 8 * 60_000;
        long connectionsReleasedAt = -1;
        int snapshots;
        int connections;
        do {
            Thread.sleep(5_000);
            snapshots = TestServer.snapshots(admin);
            connections = DatabaseRegistry.references(server.dbDir());
            if (connectionsReleasedAt < 0 && connections <= baselineConnections) {
                connectionsReleasedAt = System.currentTimeMillis() - start;
            }
        } while ((snapshots > baselineSnapshots || connections > baselineConnections)
            && System.currentTimeMillis() < deadline);
        long took = System.currentTimeMillis() - start;
        System.out.println("abandoned clients: after " + took / 1000 + " s snapshots " + snapshots + " (baseline "
            + baselineSnapshots + "), server-side connections " + connections + " (baseline " + baselineConnections
            + (connectionsReleasedAt < 0 ? ", never reached"
                : ", reached after " + connectionsReleasedAt / 1000 + " s") + ")");
        assertEquals(baselineConnections, connections, "server-side connections after expiry");
        assertEquals(baselineSnapshots, snapshots, "snapshots after expiry");
    }
}
