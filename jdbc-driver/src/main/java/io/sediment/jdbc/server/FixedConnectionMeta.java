package io.sediment.jdbc.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's JDBC-backed {@code Meta} with the one change that makes it safe to expose: connection
 * properties sent by clients are dropped. Each remote connection is opened by the
 * {@link ConnectionSource} with the server's fixed settings, so no client can set Calcite
 * properties such as {@code model}, {@code schemaFactory}, {@code fun} or {@code parserFactory}
 * (which would let it load classes or read files on the server).
 *
 * <p>It also keeps track of the connections it opened so that shutdown can close those the
 * clients left open, and turns an {@link Error} thrown while preparing, executing or fetching
 * (say an assertion inside the planner) into an ordinary error response naming it — Avatica
 * would otherwise answer with an empty HTTP 500 that clients report as an unreadable response;
 * and a row that fails while a later frame is fetched is answered with its SQLSTATE.
 * Thread-safe, as {@code JdbcMeta} is.
 */
final class FixedConnectionMeta extends JdbcMeta {
    private final ConnectionSource source;
    private final Set<Connection> opened = ConcurrentHashMap.newKeySet();

    /**
     * Avatica's connection and statement caches expire idle entries only when a later request
     * happens to touch the same cache segment; this sweeper makes expiry happen on time, so that
     * connections abandoned by vanished clients are closed (and their snapshots released).
     */
    private final java.util.concurrent.ScheduledExecutorService sweeper =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sediment-expiry-sweeper");
                t.setDaemon(true);
                return t;
            });

    FixedConnectionMeta(ConnectionSource source, Properties cacheSettings) throws SQLException {
        super("jdbc:sediment:server", cacheSettings);
        this.source = source;
        sweeper.scheduleWithFixedDelay(() -> {
            getConnectionCache().cleanUp();
            getStatementCache().cleanUp();
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    protected Connection createConnection(String url, Properties clientInfo) throws SQLException {
        opened.removeIf(FixedConnectionMeta::isClosed);
        Connection c = source.open();
        opened.add(c);
        return c;
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        try {
            return super.prepare(ch, orEmpty(sql), maxRowCount);
        } catch (Error e) {
            throw internal(e, sql);
        }
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
            int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
        try {
            return super.prepareAndExecute(h, orEmpty(sql), maxRowCount, maxRowsInFirstFrame, callback);
        } catch (Error e) {
            throw internal(e, sql);
        }
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
            int maxRowsInFirstFrame) throws NoSuchStatementException {
        try {
            return super.execute(h, parameterValues, maxRowsInFirstFrame);
        } catch (Error e) {
            throw internal(e, h.signature == null ? null : h.signature.sql);
        }
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        try {
            return super.fetch(h, offset, fetchMaxRowCount);
        } catch (Error e) {
            throw internal(e, h.signature == null ? null : h.signature.sql);
        } catch (RuntimeException e) {
            throw withSqlState(e);
        }
    }

    /**
     * JdbcMeta wraps an SQLException from {@code ResultSet.next()} (a row that fails to compute,
     * found while fetching a later frame) in a plain RuntimeException, which reaches the client
     * with SQLSTATE 00000; this answers with the SQLException's own message, state and code.
     */
    private static RuntimeException withSqlState(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return new AvaticaRuntimeException(sql.getMessage(), sql.getErrorCode(), sql.getSQLState(),
                        AvaticaSeverity.ERROR);
            }
        }
        return e;
    }

    /**
     * Protobuf cannot tell an empty string from an absent one, so an empty statement arrives as
     * null; as "" it gets the SQL layer's "empty statement" error instead of a NullPointerException.
     */
    private static String orEmpty(String sql) {
        return sql == null ? "" : sql;
    }

    private static RuntimeException internal(Error e, String sql) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw e; // out of memory and the like: nothing sensible to answer
        }
        return new RuntimeException("internal error in the SQL layer"
            + (sql == null ? "" : " for \"" + sql + "\"") + ": " + e, e);
    }

    /** Closes every connection still open; called at shutdown once no request is in flight. */
    void closeAll() {
        sweeper.shutdownNow();
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // Shutting down: a connection that fails to close is no longer anyone's concern.
            }
        }
        opened.clear();
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
