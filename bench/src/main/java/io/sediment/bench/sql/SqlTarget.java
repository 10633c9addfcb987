package io.sediment.bench.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database the SQL benchmark measures, reached through its JDBC driver: Sediment embedded
 * or through its Avatica server, H2 embedded or through its TCP server, or PostgreSQL. A target
 * owns whatever it started (a server, a data directory's open database) and releases it in
 * {@link #close()}. {@link #connect()} is thread-safe; every worker thread gets its own connection.
 */
public interface SqlTarget extends AutoCloseable {
    /** Short name used in tables and on the command line, e.g. {@code sediment-server}. */
    String name();

    /** Which comparison the target belongs to: {@code embedded} or {@code server}. */
    String group();

    /** True for Sediment's own targets (the numerator of every ratio). */
    boolean isSediment();

    /** A one-line description: driver, URL, version. */
    String describe();

    /** Opens a new client connection (auto-commit on). */
    Connection connect() throws SQLException;

    /**
     * Brings freshly loaded data to a settled state before reads are measured (Sediment: flush the
     * memtable and compact level 0; PostgreSQL: VACUUM ANALYZE; H2: a checkpoint). Returns what it did.
     */
    String settle(Connection c) throws SQLException;

    /** True when the table must be dropped before loading (a shared server such as PostgreSQL). */
    default boolean dropFirst() {
        return false;
    }

    @Override
    void close() throws Exception;
}
