package io.sediment.jdbc.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's JDBC-backed {@code Meta} with the one change that makes it safe to expose: connection
 * properties sent by clients are dropped. Each remote connection is opened by the
 * {@link ConnectionSource} with the server's fixed settings, so no client can set Calcite
 * properties such as {@code model}, {@code schemaFactory}, {@code fun} or {@code parserFactory}
 * (which would let it load classes or read files on the server).
 *
 * <p>It also keeps track of the connections it opened so that shutdown can close those the
 * clients left open. Thread-safe, as {@code JdbcMeta} is.
 */
final class FixedConnectionMeta extends JdbcMeta {
    private final ConnectionSource source;
    private final Set<Connection> opened = ConcurrentHashMap.newKeySet();

    FixedConnectionMeta(ConnectionSource source, Properties cacheSettings) throws SQLException {
        super("jdbc:sediment:server", cacheSettings);
        this.source = source;
    }

    @Override
    protected Connection createConnection(String url, Properties clientInfo) throws SQLException {
        opened.removeIf(FixedConnectionMeta::isClosed);
        Connection c = source.open();
        opened.add(c);
        return c;
    }

    /** Closes every connection still open; called at shutdown once no request is in flight. */
    void closeAll() {
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
