package io.sediment.engine.memtable;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.SeekingIterator;

/**
 * Walks a memtable's {@link InlineSkipList} in internal-key order while the writer may be
 * inserting: it follows live links, so it sees entries added after its creation that sort after
 * its position, and never an entry half-written. {@link #key()} and {@link #value()} copy out of
 * the arena once per position and return the copy, which the caller may keep.
 */
final class MemtableIterator implements SeekingIterator {
    private final InlineSkipList list;
    private int node;
    private byte[] key;
    private byte[] value;

    MemtableIterator(InlineSkipList list) {
        this.list = list;
    }

    @Override
    public boolean valid() {
        return node != 0;
    }

    @Override
    public void seekToFirst() {
        moveTo(list.first());
    }

    @Override
    public void seek(byte[] target) {
        int userKeyLength = InternalKey.userKeyLength(target);
        moveTo(list.seek(target, userKeyLength, InternalKey.trailer(target)));
    }

    @Override
    public void next() {
        moveTo(list.next(node));
    }

    @Override
    public byte[] key() {
        if (key == null) {
            key = list.internalKey(node);
        }
        return key;
    }

    @Override
    public byte[] value() {
        if (value == null) {
            value = list.value(node);
        }
        return value;
    }

    private void moveTo(int n) {
        node = n;
        key = null;
        value = null;
    }

    @Override
    public String toString() {
        return "MemtableIterator{" + (node == 0 ? "end" : InternalKey.toString(key())) + "}";
    }
}
