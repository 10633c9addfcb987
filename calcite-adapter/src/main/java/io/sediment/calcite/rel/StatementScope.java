package io.sediment.calcite.rel;

import io.sediment.engine.Db;
import io.sediment.engine.Snapshot;

/**
 * The engine snapshot shared by all scans of one statement execution, so that a statement
 * (joins and self-joins included) reads one consistent state. The snapshot is taken by the first
 * scan that runs and released when the statement's result is closed. Thread-safe.
 */
public final class StatementScope implements AutoCloseable {
    /** The DataContext variable under which generated code finds the scope. */
    public static final String KEY = "sediment.statementScope";

    private final int scans;
    private Db db;
    private Snapshot snapshot;

    /** A scope for a statement whose plan has {@code scans} Sediment table scans. */
    public StatementScope(int scans) {
        this.scans = scans;
    }

    /**
     * Whether a scan reading {@code ranges} key ranges needs the shared snapshot: not when it is
     * the statement's only scan and reads one range, since one engine get or iterator is
     * already a consistent read.
     */
    public boolean needsSnapshot(int ranges) {
        return scans != 1 || ranges != 1;
    }

    /** The statement's snapshot of {@code db}, taken on first use. */
    public synchronized Snapshot snapshot(Db db) {
        if (snapshot == null) {
            this.db = db;
            this.snapshot = db.snapshot();
        } else if (this.db != db) {
            throw new IllegalStateException("one statement reads one database");
        }
        return snapshot;
    }

    @Override
    public synchronized void close() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
            db = null;
        }
    }
}
