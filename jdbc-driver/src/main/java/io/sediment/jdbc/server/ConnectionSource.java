package io.sediment.jdbc.server;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the server's connections come from: the server asks for one per remote client
 * connection, always with the server's own fixed properties — nothing the client sends reaches
 * it. {@link #close()} runs once at shutdown, after every connection is closed, and releases the
 * database (the embedded source flushes the memtable and closes the WAL). Implementations must be
 * thread-safe.
 */
public interface ConnectionSource extends AutoCloseable {
    /** Opens a new connection on the served database. */
    Connection open() throws SQLException;

    /** A one-line description for logs, e.g. the database directory. */
    String describe();

    @Override
    void close() throws Exception;
}
