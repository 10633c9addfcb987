package io.sediment.calcite.schema;

import io.sediment.calcite.catalog.Database;
import io.sediment.calcite.catalog.DatabaseRegistry;
import io.sediment.engine.WriteOptions;
import java.nio.file.Path;

/**
 * The state of one SQL connection: its lease on the shared {@link Database} and its settings
 * ({@code sync}: whether DML waits for fsync; the statement timeout; the directory SYS.CHECKPOINT
 * may write into, or null for anywhere). Closing the session releases the lease; the database
 * closes with its last session. Thread-safe.
 */
public final class Session implements AutoCloseable {
    private final DatabaseRegistry.Lease lease;
    private final boolean sync;
    private final int statementTimeoutSeconds;
    private final Path checkpointDirectory;
    private volatile boolean closed;

    /** {@code checkpointDirectory}: absolute and normalized, or null when checkpoints may go anywhere. */
    public Session(DatabaseRegistry.Lease lease, boolean sync, int statementTimeoutSeconds, Path checkpointDirectory) {
        this.lease = lease;
        this.sync = sync;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
        this.checkpointDirectory = checkpointDirectory;
    }

    public Database database() {
        if (closed) {
            throw new IllegalStateException("connection is closed");
        }
        return lease.database();
    }

    public boolean sync() {
        return sync;
    }

    /** Seconds a statement of this connection may compute rows; 0 = no limit. */
    public int statementTimeoutSeconds() {
        return statementTimeoutSeconds;
    }

    /** The only directory SYS.CHECKPOINT may write into (a server sets it), or null for anywhere. */
    public Path checkpointDirectory() {
        return checkpointDirectory;
    }

    /** Write options for DML of this connection. */
    public WriteOptions writeOptions() {
        return sync ? WriteOptions.sync() : WriteOptions.defaults();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lease.close();
        }
    }
}
