package io.sediment.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that leave in the middle of a result: over two tables of {@code disconnect.rows} rows
 * (20,000 in CI, about 4 MB each), many result sets are opened with multi-range queries — each
 * holds an engine snapshot and iterators on the server — read part way, and then left in every
 * way a client leaves.
 *
 * <p>What the server guarantees, and this test shows:
 * <ul>
 *   <li>closing the statement, or the result set and then the statement, in the middle of a result
 *       releases its snapshot and the SSTables its iterators pinned at once;
 *   <li>closing only the result set releases nothing until its statement is closed or executes
 *       again (Avatica has no request for it);
 *   <li>a response cut off by the network while the server is writing it leaves the server
 *       serving, the connection usable, and closing the statement afterwards releases everything.
 * </ul>
 * Clients that die or vanish without closing anything are {@link AbandonedClientTest}; closing a
 * connection that still has open results is
 * {@code FixedBugsTest#closingAConnectionReleasesTheSnapshotsOfItsOpenResults}.
 */
class ClientDisconnectTest {
    /** Threads the JVM may keep above its baseline (idle server pool threads, the child's pipes). */
    static final int THREAD_SLACK = 12;
    static final int ROWS = Integer.getInteger("disconnect.rows", 20_000);

    @TempDir
    static Path dir;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
        try (Connection c = server.connect()) {
            createBigTables(c);
        }
    }

    /** Creates {@code BIG1} and {@code BIG2} with {@code disconnect.rows} rows of about 200 bytes each. */
    static void createBigTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String t : List.of("BIG1", "BIG2")) {
                s.execute("CREATE TABLE " + t + " (K INTEGER PRIMARY KEY, PAD VARCHAR(200))");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
                    for (int k = 0; k < ROWS; k++) {
                        ps.setInt(1, k);
                        ps.setString(2, (t + " row " + k + " ").repeat(10));
                        ps.addBatch();
                        if (k % 2_000 == 1_999) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            s.execute("CALL SYS.FLUSH()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A query over two key ranges of one big table: it reads through an engine snapshot. */
    static String multiRangeQuery(int variant) {
        int gap = 10 + variant % 50;
        return "SELECT K, PAD FROM BIG" + (1 + variant % 2) + " WHERE K < " + (ROWS / 2 - gap) + " OR K > "
            + (ROWS / 2 + gap);
    }

    @Test
    void resultsClosedMidReadReleaseTheirSnapshotsAndFiles() throws Exception {
        Random rnd = new Random(7);
        try (Connection admin = server.connect(); Statement a = admin.createStatement()) {
            int baseline = TestServer.snapshots(admin);
            List<Connection> connections = new ArrayList<>();
            List<Statement> statements = new ArrayList<>();
            List<ResultSet> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Connection c = server.connect();
                connections.add(c);
                for (int r = 0; r < 5; r++) {
                    Statement s = c.createStatement();
                    s.setFetchSize(10 + rnd.nextInt(500));
                    ResultSet rs = s.executeQuery(multiRangeQuery(rnd.nextInt(1000)));
                    for (int n = rnd.nextInt(1_500); n > 0 && rs.next(); n--) {
                        rs.getString(2);
                    }
                    statements.add(s);
                    results.add(rs);
                }
            }
            assertEquals(baseline + results.size(), TestServer.snapshots(admin), "one snapshot per open result");
            // New data, flushed and compacted: the open results' iterators now pin obsolete files.
            a.execute("UPSERT INTO BIG1 VALUES (" + (ROWS + 1) + ", 'new')");
            a.execute("CALL SYS.FLUSH()");
            a.execute("CALL SYS.COMPACT(0)");
            assertTrue(server.pinnedTableFiles(admin, false) > 0, "open results pin the files they read");

            for (int i = 0; i < results.size(); i++) {
                if (i % 2 == 0) {
                    results.get(i).close();
                }
                statements.get(i).close();
            }
            assertEquals(baseline, TestServer.snapshots(admin), "snapshots after closing mid-read");
            assertEquals(0, server.pinnedTableFiles(admin, true), "files pinned after closing mid-read");
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /**
     * Avatica has no request that closes a result set: {@code ResultSet.close()} stays in the client,
     * and the server keeps the result (and its snapshot) until the statement executes again or is
     * closed. This pins down that behaviour, which bounds what a client that reuses statements holds.
     */
    @Test
    void resultSetClosedAloneIsReleasedWithItsStatement() throws Exception {
        try (Connection admin = server.connect(); Connection c = server.connect()) {
            int baseline = TestServer.snapshots(admin);
            Statement s = c.createStatement();
            s.setFetchSize(50);
            ResultSet rs = s.executeQuery(multiRangeQuery(3));
            assertTrue(rs.next());
            rs.close();
            assertEquals(baseline + 1, TestServer.snapshots(admin), "after ResultSet.close(): still held");
            try (ResultSet again = s.executeQuery(multiRangeQuery(4))) {
                assertTrue(again.next());
                assertEquals(baseline + 1, TestServer.snapshots(admin), "executing again released the first");
            }
            s.close();
            assertEquals(baseline, TestServer.snapshots(admin), "after Statement.close()");
        }
    }

    @Test
    void responseCutMidTransferLeavesTheServerServing() throws Exception {
        String url = "jdbc:avatica:remote:url=" + server.httpUrl() + ";serialization=PROTOBUF;httpclient_impl="
            + AbortingTransport.class.getName();
        Random rnd = new Random(11);
        try (Connection admin = server.connect()) {
            int baseline = TestServer.snapshots(admin);
            int threads = TestServer.liveThreads();
            try (Connection c = DriverManager.getConnection(url)) {
                for (int round = 0; round < 10; round++) {
                    int variant = round;
                    Statement s = c.createStatement();
                    if (round % 2 == 0) {
                        // The first frame is the whole table (about 4 MB): cut while the server writes it.
                        s.setFetchSize(ROWS);
                        AbortingTransport.cutNextResponseAfter(1 + rnd.nextInt(64 << 10));
                        assertThrows(Exception.class, () -> s.executeQuery(multiRangeQuery(variant)));
                    } else {
                        // Cut a later fetch of a result that is open on the server.
                        s.setFetchSize(100);
                        ResultSet rs = s.executeQuery(multiRangeQuery(round));
                        for (int n = 0; n < 100; n++) {
                            assertTrue(rs.next());
                        }
                        s.setFetchSize(ROWS);
                        rs.setFetchSize(ROWS);
                        AbortingTransport.cutNextResponseAfter(1 + rnd.nextInt(64 << 10));
                        assertThrows(Exception.class, () -> {
                            while (rs.next()) {
                                rs.getString(2);
                            }
                        });
                    }
                    s.close();
                    assertEquals(1, TestServer.intQuery(c, "SELECT COUNT(*) FROM BIG2 WHERE K = 5"),
                        "the same connection still works after a cut response");
                }
            }
            assertEquals(baseline, TestServer.snapshots(admin), "snapshots after cut responses and closes");
            int after = TestServer.awaitThreadsAtMost(threads + THREAD_SLACK, 90_000);
            assertTrue(after <= threads + THREAD_SLACK, "live threads " + after + " vs " + threads + " before");
        }
    }
}
