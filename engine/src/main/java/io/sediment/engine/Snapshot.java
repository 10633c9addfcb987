package io.sediment.engine;

import io.sediment.engine.db.SnapshotList;

/**
 * A consistent point-in-time view of the database: reads given this snapshot see exactly the
 * writes acknowledged before {@link Db#snapshot()} returned, however many writes, flushes and
 * compactions follow. Holding a snapshot keeps the old versions it needs from being compacted
 * away, so close it when done. Thread-safe; closing twice is harmless.
 */
public final class Snapshot implements AutoCloseable {
    private final SnapshotList list;
    private final SnapshotList.Entry entry;
    private volatile boolean closed;

    Snapshot(SnapshotList list, SnapshotList.Entry entry) {
        this.list = list;
        this.entry = entry;
    }

    /** The sequence number this snapshot reads at. */
    public long sequence() {
        return entry.sequence();
    }

    public long id() {
        return entry.id();
    }

    long checkedSequence() {
        if (closed) {
            throw new IllegalStateException("snapshot " + entry.id() + " is closed");
        }
        return entry.sequence();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            list.remove(entry);
        }
    }

    @Override
    public String toString() {
        return "Snapshot{id=" + entry.id() + ", sequence=" + entry.sequence() + (closed ? ", closed" : "") + "}";
    }
}
