package io.sediment.jdbc.reliability;

import io.sediment.jdbc.server.EmbeddedSource;
import io.sediment.jdbc.server.SedimentServer;
import io.sediment.jdbc.server.ServerSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * A Sediment server on port 0 over a fresh database directory, as the reliability tests use it:
 * the server runs in the test JVM, so its live threads and heap are this JVM's, and the operator
 * view ({@code SYS.SNAPSHOTS}, {@code SYS.SSTABLES}, the {@code .sst} files on disk) is read both
 * through the server and from the directory.
 *
 * <p>Every client URL it hands out carries {@code http_response_timeout}, so a server that stops
 * answering makes the client fail instead of waiting forever. Not thread-safe to close while in
 * use; the query helpers open their own statements and may be called from any thread.
 */
final class TestServer implements AutoCloseable {
    /** Client-side bound on one HTTP round trip; a slower answer is a hang. */
    static final int RESPONSE_TIMEOUT_MILLIS = 60_000;

    private final SedimentServer server;
    private final Path dbDir;

    private TestServer(SedimentServer server, Path dbDir) {
        this.server = server;
        this.dbDir = dbDir;
    }

    /** Starts a server on port 0 over {@code dir/db} with the default settings. */
    static TestServer start(Path dir) throws Exception {
        return start(dir, new ServerSettings());
    }

    /** Starts a server on port 0 over {@code dir/db} with {@code settings} (its port is replaced). */
    static TestServer start(Path dir, ServerSettings settings) throws Exception {
        Path db = dir.resolve("db");
        return new TestServer(SedimentServer.start(new EmbeddedSource(db), settings.port(0)), db);
    }

    /** The server's HTTP address, e.g. {@code http://127.0.0.1:41234}. */
    String httpUrl() {
        return server.httpUrl();
    }

    /** A {@code jdbc:sediment:remote:} URL with the response timeout and {@code extra} options. */
    String jdbcUrl(String extra) {
        return jdbcUrl(RESPONSE_TIMEOUT_MILLIS, extra);
    }

    /** A {@code jdbc:sediment:remote:} URL with the given response timeout and {@code extra} options. */
    String jdbcUrl(int responseTimeoutMillis, String extra) {
        return server.jdbcUrl() + ";http_response_timeout=" + responseTimeoutMillis + extra;
    }

    /** A new remote connection through {@code io.sediment.jdbc.Driver}. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""));
    }

    /** The database directory the server serves. */
    Path dbDir() {
        return dbDir;
    }

    /** Open engine snapshots, read through the server ({@code SYS.SNAPSHOTS}). */
    static int snapshots(Connection c) throws SQLException {
        return intQuery(c, "SELECT COUNT(*) FROM SYS.SNAPSHOTS");
    }

    /**
     * SSTable files on disk that no live version lists: files an open iterator still pins. Lets
     * running compactions finish (their outputs are on disk before they are live), then writes a
     * row to table {@code PROBE} and flushes, which deletes every file nothing pins; repeats for up
     * to 30 seconds while the count is not zero. Creates {@code PROBE} if missing.
     */
    long pinnedTableFiles(Connection c) throws SQLException, IOException, InterruptedException {
        return pinnedTableFiles(c, true);
    }

    /** As {@link #pinnedTableFiles(Connection)}, once only unless {@code awaitZero}. */
    long pinnedTableFiles(Connection c, boolean awaitZero) throws SQLException, IOException, InterruptedException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS PROBE (ID INTEGER PRIMARY KEY, N BIGINT)");
            long deadline = System.currentTimeMillis() + 30_000;
            long pinned;
            do {
                awaitNoCompaction(c);
                s.execute("UPSERT INTO PROBE VALUES (1, " + System.nanoTime() + ")");
                s.execute("CALL SYS.FLUSH()");
                awaitNoCompaction(c);
                long live = intQuery(c, "SELECT COUNT(*) FROM SYS.SSTABLES");
                try (Stream<Path> files = Files.list(dbDir)) {
                    pinned = files.filter(p -> p.getFileName().toString().endsWith(".sst")).count() - live;
                }
                if (awaitZero && pinned > 0) {
                    Thread.sleep(500);
                }
            } while (awaitZero && pinned > 0 && System.currentTimeMillis() < deadline);
            return pinned;
        }
    }

    private static void awaitNoCompaction(Connection c) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (metric(c, "running_compactions") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    /** A value of {@code SYS.METRICS}. */
    static double metric(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"VALUE\" FROM SYS.METRICS WHERE NAME = '" + name + "'")) {
            if (!rs.next()) {
                throw new SQLException("no metric " + name);
            }
            return rs.getDouble(1);
        }
    }

    /** Runs a one-row, one-column integer query. */
    static int intQuery(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from " + sql);
            }
            return rs.getInt(1);
        }
    }

    /** Live threads of this JVM, which hosts the server. */
    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * Waits until the live thread count is at most {@code limit} (idle server threads retire after
     * a while) or {@code millis} pass; returns the last count seen.
     */
    static int awaitThreadsAtMost(int limit, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        int n = liveThreads();
        while (n > limit && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            n = liveThreads();
        }
        return n;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
