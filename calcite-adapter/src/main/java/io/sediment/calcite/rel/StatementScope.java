package io.sediment.calcite.rel;

import io.sediment.engine.Db;
import io.sediment.engine.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;

/**
 * The engine snapshot shared by all scans of one statement execution, so that a statement
 * (joins and self-joins included) reads one consistent state, and the registry of the scans it
 * has open. The snapshot is taken by the first scan that runs; when the statement's result is
 * closed (or computing it fails) the scope closes every scan still open and then the snapshot —
 * so a scan the generated code abandoned half-read (linq4j's {@code any()} behind {@code EXISTS}
 * does) cannot keep its engine iterator, and the files it pins, past its statement. Thread-safe.
 */
public final class StatementScope implements AutoCloseable {
    /** The DataContext variable under which generated code finds the scope. */
    public static final String KEY = "sediment.statementScope";

    private final int scans;
    private Db db;
    private Snapshot snapshot;
    private final Set<AutoCloseable> openScans = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;
    private StatementDeadline deadline;

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

    /**
     * The statement's cancel flag and timeout, read from {@code root} by the first scan that asks
     * (the inner scan of a nested loop starts once per outer row; the deadline is the statement's).
     */
    synchronized StatementDeadline deadline(DataContext root, int sessionTimeoutSeconds) {
        if (deadline == null) {
            deadline = StatementDeadline.of(root, sessionTimeoutSeconds);
        }
        return deadline;
    }

    /** The statement's snapshot of {@code db}, taken on first use; refused once the scope is closed. */
    public synchronized Snapshot snapshot(Db db) {
        checkOpen();
        if (snapshot == null) {
            this.db = db;
            this.snapshot = db.snapshot();
        } else if (this.db != db) {
            throw new IllegalStateException("one statement reads one database");
        }
        return snapshot;
    }

    /**
     * Records a scan that holds engine resources until {@link #closed(AutoCloseable)}. A scan may
     * not start once the scope is closed (say a client reads on after the result failed): it
     * would take a snapshot that nothing releases.
     *
     * @throws IllegalStateException if the scope is closed
     */
    public synchronized void opened(AutoCloseable scan) {
        checkOpen();
        openScans.add(scan);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the statement's result is closed");
        }
    }

    /** Forgets a scan that released its resources itself. */
    public synchronized void closed(AutoCloseable scan) {
        openScans.remove(scan);
    }

    @Override
    public void close() {
        List<AutoCloseable> scans;
        synchronized (this) {
            closed = true;
            scans = new ArrayList<>(openScans);
            openScans.clear();
        }
        for (AutoCloseable scan : scans) {
            closeQuietly(scan);
        }
        releaseSnapshot();
    }

    private static void closeQuietly(AutoCloseable scan) {
        try {
            scan.close();
        } catch (Exception e) {
            // The statement is over; a scan that fails to close has nothing left to report to.
        }
    }

    private synchronized void releaseSnapshot() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
            db = null;
        }
    }
}
