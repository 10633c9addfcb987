package io.sediment.engine.memtable;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.SeekingIterator;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory write buffer: a concurrent skiplist of internal keys (user key, sequence, kind)
 * to values. Entries are never removed or replaced, only added; a newer version of a key is a
 * new entry with a higher sequence.
 *
 * <p>Thread-safety: one writer at a time (the engine's write leader) may {@link #add}; any number
 * of readers and iterators may run concurrently with it. Readers must ignore sequences above the
 * database's published sequence, which the engine guarantees by publishing only after insertion.
 */
public final class Memtable {
    /** Rough per-entry overhead of the skiplist node and arrays, for memory accounting. */
    private static final int ENTRY_OVERHEAD = 64;

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(InternalKey.COMPARATOR);
    private final AtomicLong approximateBytes = new AtomicLong();
    private volatile long entries;

    public void add(long sequence, boolean isPut, byte[] userKey, byte[] value) {
        byte[] ikey = InternalKey.encode(userKey, sequence, isPut ? InternalKey.KIND_PUT : InternalKey.KIND_DELETE);
        byte[] v = isPut ? value : EMPTY;
        map.put(ikey, v);
        approximateBytes.addAndGet(ikey.length + v.length + ENTRY_OVERHEAD);
        entries++;
    }

    /**
     * Looks up the newest version of {@code userKey} with sequence {@code <= sequence}.
     *
     * @return null if this memtable has no such version; otherwise a {@link LookupResult}
     */
    public LookupResult get(byte[] userKey, long sequence) {
        Map.Entry<byte[], byte[]> e = map.ceilingEntry(InternalKey.lookupKey(userKey, sequence));
        if (e == null || InternalKey.compareUserKey(e.getKey(), userKey) != 0) {
            return null;
        }
        return InternalKey.kind(e.getKey()) == InternalKey.KIND_PUT
                ? LookupResult.found(e.getValue()) : LookupResult.DELETED;
    }

    public long approximateBytes() {
        return approximateBytes.get();
    }

    public long entryCount() {
        return entries;
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** An iterator over internal keys in order; sees entries added after its creation. */
    public SeekingIterator iterator() {
        return new SkipListIterator(map);
    }

    private static final byte[] EMPTY = new byte[0];

    /** Iterates a skiplist view; re-seeks from the live map so concurrent inserts are safe. */
    private static final class SkipListIterator implements SeekingIterator {
        private final ConcurrentSkipListMap<byte[], byte[]> map;
        private Iterator<Map.Entry<byte[], byte[]>> it;
        private Map.Entry<byte[], byte[]> current;

        SkipListIterator(ConcurrentSkipListMap<byte[], byte[]> map) {
            this.map = map;
        }

        @Override
        public boolean valid() {
            return current != null;
        }

        @Override
        public void seekToFirst() {
            position(map);
        }

        @Override
        public void seek(byte[] target) {
            position(map.tailMap(target, true));
        }

        private void position(ConcurrentNavigableMap<byte[], byte[]> view) {
            it = view.entrySet().iterator();
            current = it.hasNext() ? it.next() : null;
        }

        @Override
        public void next() {
            current = it.hasNext() ? it.next() : null;
        }

        @Override
        public byte[] key() {
            return current.getKey();
        }

        @Override
        public byte[] value() {
            return current.getValue();
        }

        @Override
        public String toString() {
            return "MemtableIterator{" + (current == null ? "end" : InternalKey.toString(current.getKey())) + "}";
        }
    }
}
