package io.sediment.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Statement.setQueryTimeout} and {@code Statement.cancel()} stop a statement that is
 * running on the embedded database — a three-way self-join of 2,000 rows would read for many
 * minutes — with an error that says why; its snapshot is released and the connection keeps
 * working. The connection property {@code statement_timeout} does the same for every statement.
 */
class CancelAndTimeoutTest {
    private static final String ENDLESS = "SELECT COUNT(*) FROM big a, big b, big c WHERE a.v + b.v + c.v = -1";

    @TempDir
    static Path dir;
    static Sql sql;

    @BeforeAll
    static void load() throws Exception {
        sql = Sql.open(dir);
        sql.execute("CREATE TABLE big (k INTEGER PRIMARY KEY, v INTEGER)");
        try (PreparedStatement ps = sql.connection.prepareStatement("INSERT INTO big VALUES (?, ?)")) {
            for (int k = 0; k < 2_000; k++) {
                ps.setInt(1, k);
                ps.setInt(2, k);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @AfterAll
    static void close() throws Exception {
        sql.close();
    }

    @Test
    void queryTimeoutStopsARunningStatement() throws Exception {
        try (Statement s = sql.connection.createStatement()) {
            s.setQueryTimeout(1);
            long started = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(ENDLESS).next());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(messages(e).contains("query timeout of 1.0 s exceeded"), messages(e));
            assertTrue(inChain(e, SQLTimeoutException.class), "an SQLTimeoutException: " + messages(e));
            assertTrue(seconds < 30, "stopped after " + seconds + " s");
        }
        assertReleasedAndUsable();
    }

    @Test
    void cancelFromAnotherThreadStopsARunningStatement() throws Exception {
        try (Statement s = sql.connection.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(500);
                    s.cancel();
                } catch (InterruptedException | SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            long started = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(ENDLESS).next());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            canceller.get();
            assertTrue(messages(e).contains("cancel"), messages(e));
            assertFalse(inChain(e, SQLTimeoutException.class), "a cancel is not a timeout: " + messages(e));
            assertTrue(seconds < 30, "stopped after " + seconds + " s");
        }
        assertReleasedAndUsable();
    }

    @Test
    void connectionStatementTimeoutAppliesToEveryStatement() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sediment:" + dir + ";statement_timeout=1");
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(ENDLESS).next());
            assertTrue(messages(e).contains("query timeout of 1.0 s exceeded"), messages(e));
            assertEquals(2000, count(s, "SELECT COUNT(*) FROM big"), "quick statements still run");
        }
        SQLException bad = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:sediment:" + dir + ";statement_timeout=soon"));
        assertTrue(bad.getMessage().contains("statement_timeout must be a number of seconds"), bad.getMessage());
        assertReleasedAndUsable();
    }

    private static int count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertReleasedAndUsable() throws Exception {
        assertEquals("0", sql.rows("SELECT COUNT(*) FROM SYS.SNAPSHOTS").get(0), "snapshots left open");
        assertEquals(0.0, Double.parseDouble(sql.rows(
                "SELECT \"VALUE\" FROM SYS.METRICS WHERE NAME = 'open_iterators'").get(0)), "iterators left open");
        assertEquals("2000", sql.rows("SELECT COUNT(*) FROM big").get(0));
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" / ");
        }
        return sb.toString();
    }

    private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
