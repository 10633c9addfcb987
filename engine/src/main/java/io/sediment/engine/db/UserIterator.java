package io.sediment.engine.db;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.SeekingIterator;

/**
 * Turns a merged stream of internal entries into what a user sees at one sequence number: for
 * each user key only the newest version with sequence {@code <= snapshot}, and nothing for a key
 * whose newest visible version is a tombstone; keys limited to {@code [start, end)} (null =
 * unbounded). {@link #key()} returns user keys. Not thread-safe.
 */
public final class UserIterator implements SeekingIterator {
    private final SeekingIterator internal;
    private final long snapshot;
    private final byte[] start;
    private final byte[] end;
    private byte[] key;
    private byte[] value;

    public UserIterator(SeekingIterator internal, long snapshot, byte[] start, byte[] end) {
        this.internal = internal;
        this.snapshot = snapshot;
        this.start = start;
        this.end = end;
    }

    @Override
    public boolean valid() {
        return key != null;
    }

    @Override
    public void seekToFirst() {
        if (start == null) {
            internal.seekToFirst();
            findNext(null);
        } else {
            seek(start);
        }
    }

    @Override
    public void seek(byte[] target) {
        byte[] t = start != null && Bytes.compare(target, start) < 0 ? start : target;
        internal.seek(InternalKey.lookupKey(t, snapshot));
        findNext(null);
    }

    @Override
    public void next() {
        byte[] skip = key;
        internal.next();
        findNext(skip);
    }

    /** Moves to the next visible live user key greater than {@code skip} (if non-null). */
    private void findNext(byte[] skip) {
        while (internal.valid()) {
            byte[] ik = internal.key();
            if (InternalKey.sequence(ik) <= snapshot
                    && (skip == null || InternalKey.compareUserKey(ik, skip) > 0)) {
                byte[] userKey = InternalKey.userKey(ik);
                if (end != null && Bytes.compare(userKey, end) >= 0) {
                    break;
                }
                if (InternalKey.kind(ik) == InternalKey.KIND_DELETE) {
                    skip = userKey;
                } else {
                    key = userKey;
                    value = internal.value();
                    return;
                }
            }
            internal.next();
        }
        key = null;
        value = null;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public void close() {
        internal.close();
    }

    @Override
    public String toString() {
        return "UserIterator{@" + snapshot + " " + (key == null ? "end" : Bytes.toHex(key)) + "}";
    }
}
