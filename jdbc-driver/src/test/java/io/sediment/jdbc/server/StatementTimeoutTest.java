package io.sediment.jdbc.server;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started with a statement timeout ({@code sediment serve --statement-timeout}) fails a
 * runaway statement from a remote client with an error naming the timeout, releases its snapshot,
 * and keeps serving that client.
 */
class StatementTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void runawayStatementsFailAfterTheServersTimeout() throws Exception {
        try (SedimentServer server = SedimentServer.start(
                new EmbeddedSource(dir.resolve("db"), 1, dir.resolve("checkpoints")), new ServerSettings().port(0));
                Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (k INTEGER PRIMARY KEY, v INTEGER)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO big VALUES (?, ?)")) {
                for (int k = 0; k < 2_000; k++) {
                    ps.setInt(1, k);
                    ps.setInt(2, k);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            long started = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
                "SELECT COUNT(*) FROM big a, big b, big c WHERE a.v + b.v + c.v = -1").next());
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(e.getMessage().contains("query timeout of 1.0 s exceeded"), e.getMessage());
            assertTrue(seconds < 30, "answered after " + seconds + " s");
            assertEquals(2000, count(s, "SELECT COUNT(*) FROM big"));
            assertEquals(0, count(s, "SELECT COUNT(*) FROM SYS.SNAPSHOTS"), "snapshots left open");
        }
    }

    @Test
    void negativeTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new EmbeddedSource(dir.resolve("db"), -1, dir.resolve("checkpoints")));
        assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
    }

    private static int count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
