package io.sediment.engine.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The snapshots currently held open. Compaction asks for {@link #oldest} to know which old versions
 * some reader may still need; operators list them through metrics. Thread-safe.
 */
public final class SnapshotList {
    /** One open snapshot: its id, the sequence it pins, and when it was taken. */
    public record Entry(long id, long sequence, long createdMillis) {
    }

    private final ConcurrentSkipListMap<Long, Entry> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    public Entry add(long sequence) {
        Entry e = new Entry(ids.incrementAndGet(), sequence, System.currentTimeMillis());
        byId.put(e.id(), e);
        return e;
    }

    public void remove(Entry e) {
        byId.remove(e.id());
    }

    /** Smallest pinned sequence, or {@code otherwise} when no snapshot is open. */
    public long oldest(long otherwise) {
        long min = otherwise;
        for (Entry e : byId.values()) {
            min = Math.min(min, e.sequence());
        }
        return min;
    }

    public List<Entry> list() {
        Collection<Entry> v = byId.values();
        return new ArrayList<>(v);
    }

    public int size() {
        return byId.size();
    }
}
