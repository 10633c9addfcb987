package io.sediment.jdbc.server;

import io.sediment.jdbc.EmbeddedConnector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The server's connections on an embedded database directory, every one opened with the
 * server's fixed settings through the SQL layer. The source holds one connection of its own for
 * its whole life, so the database stays open while clients come and go; {@link #close()} flushes
 * the memtable through it ({@code CALL SYS.FLUSH()}) and then closes it, which closes the
 * database and its WAL once the clients' connections are closed too. Thread-safe.
 */
public final class EmbeddedSource implements ConnectionSource {
    private final Path dir;
    private final Properties connectionProperties;
    private final Connection keeper;

    /**
     * Opens (creating if missing) the database in {@code dir}, with no statement timeout and
     * checkpoints confined to the default directory ({@link #defaultCheckpointDirectory}).
     */
    public EmbeddedSource(Path dir) throws SQLException {
        this(dir, 0, null);
    }

    /**
     * Opens (creating if missing) the database in {@code dir}; every client connection gets the
     * embedded connection properties {@code statement_timeout} = {@code statementTimeoutSeconds}
     * (0 = none) and {@code checkpoint_dir} = {@code checkpointDir}. Avatica's protocol carries
     * neither a client's query timeout nor its cancel, so the timeout is the server's guard against
     * runaway statements; the checkpoint directory keeps SYS.CHECKPOINT from writing anywhere else
     * on the server's machine (null: {@link #defaultCheckpointDirectory}).
     */
    public EmbeddedSource(Path dir, int statementTimeoutSeconds, Path checkpointDir) throws SQLException {
        if (statementTimeoutSeconds < 0) {
            throw new IllegalArgumentException("statement timeout must be 0 (none) or positive, got "
                + statementTimeoutSeconds);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.connectionProperties = new Properties();
        connectionProperties.setProperty("statement_timeout", Integer.toString(statementTimeoutSeconds));
        Path checkpoints = checkpointDir != null ? checkpointDir : defaultCheckpointDirectory(dir);
        connectionProperties.setProperty("checkpoint_dir", checkpoints.toString());
        this.keeper = EmbeddedConnector.connect(this.dir, null);
    }

    /** Where a server on {@code dir} writes checkpoints unless told otherwise: {@code checkpoints} beside it. */
    public static Path defaultCheckpointDirectory(Path dir) {
        return dir.toAbsolutePath().normalize().resolveSibling("checkpoints");
    }

    @Override
    public Connection open() throws SQLException {
        return EmbeddedConnector.connect(dir, (Properties) connectionProperties.clone());
    }

    @Override
    public String describe() {
        return "database " + dir;
    }

    @Override
    public synchronized void close() throws SQLException {
        if (keeper.isClosed()) {
            return;
        }
        try (Statement s = keeper.createStatement()) {
            s.execute("CALL SYS.FLUSH()");
        } finally {
            keeper.close();
        }
    }
}
