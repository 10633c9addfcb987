package io.sediment.engine.memtable;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.SeekingIterator;

/**
 * The in-memory write buffer: an {@link InlineSkipList} of internal keys (user key, sequence, kind)
 * to values, with keys and values copied into the memtable's own arena, and a {@link KeyFilter} over
 * its user keys that lets point reads of absent keys skip the search. Entries are never removed
 * or replaced, only added; a newer version of a key is a new entry with a higher sequence.
 *
 * <p>Thread-safety: one writer at a time (the engine's write leader, handing over under the
 * database mutex) may {@link #add}; any number of readers and iterators may run concurrently with
 * it, without locks. Readers must ignore sequences above the database's published sequence, which
 * the engine guarantees by publishing only after insertion.
 */
public final class Memtable {
    private final InlineSkipList list = new InlineSkipList();
    private final KeyFilter filter;
    private volatile long approximateBytes;
    private volatile long entries;

    /** A memtable expected to hold about {@code expectedBytes} (the write buffer size); sizes its filter. */
    public Memtable(long expectedBytes) {
        filter = new KeyFilter(expectedBytes);
    }

    /** Adds a version. REQUIRES: single writer; {@code (userKey, sequence)} not added before. */
    public void add(long sequence, boolean isPut, byte[] userKey, byte[] value) {
        filter.add(userKey);
        long trailer = InternalKey.trailer(sequence, isPut ? InternalKey.KIND_PUT : InternalKey.KIND_DELETE);
        approximateBytes += list.insert(userKey, trailer, isPut ? value : EMPTY);
        entries++;
    }

    /**
     * Looks up the newest version of {@code userKey} with sequence {@code <= sequence}.
     *
     * @return null if this memtable has no such version; otherwise a {@link LookupResult}
     */
    public LookupResult get(byte[] userKey, long sequence) {
        if (!filter.mayContain(userKey)) {
            return null;
        }
        int node = list.seek(userKey, userKey.length, InternalKey.trailer(sequence, InternalKey.KIND_PUT));
        if (node == 0 || !list.userKeyEquals(node, userKey)) {
            return null;
        }
        return InternalKey.kindOf(list.trailer(node)) == InternalKey.KIND_PUT
                ? LookupResult.found(list.value(node)) : LookupResult.DELETED;
    }

    /** Bytes the entries take in the arena (nodes, keys and values), the trigger for a switch. */
    public long approximateBytes() {
        return approximateBytes;
    }

    public long entryCount() {
        return entries;
    }

    public boolean isEmpty() {
        return list.first() == 0;
    }

    /** An iterator over internal keys in order; sees entries added after its creation. */
    public SeekingIterator iterator() {
        return new MemtableIterator(list);
    }

    private static final byte[] EMPTY = new byte[0];
}
