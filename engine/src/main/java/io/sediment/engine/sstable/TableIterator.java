package io.sediment.engine.sstable;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.SeekingIterator;
import java.util.NoSuchElementException;

/**
 * Iterates a whole table as one sorted sequence: a two-level iterator whose outer level walks
 * the entries of the {@link IndexBlock} and whose inner level walks the data block the current
 * index entry points to (loaded through the block cache when the iterator first needs it).
 *
 * <p>Invariant after every positioning call: either the data iterator is on an entry, or the
 * iterator is not {@link #valid()} (past the last entry or the table is empty).
 *
 * <p>Not thread-safe: one iterator, one thread. Keys and values returned belong to the caller.
 */
final class TableIterator implements SeekingIterator {
    private final TableReader table;
    private final IndexBlock index;
    private int entry; // the current index entry; index.count() past the last
    private BlockIterator data;
    private long dataOffset = -1;

    TableIterator(TableReader table, IndexBlock index) {
        this.table = table;
        this.index = index;
    }

    @Override
    public boolean valid() {
        return data != null && data.valid();
    }

    @Override
    public void seekToFirst() {
        entry = 0;
        openDataBlock();
        if (data != null) {
            data.seekToFirst();
        }
        skipExhaustedBlocks();
    }

    @Override
    public void seek(byte[] target) {
        entry = index.find(target);
        openDataBlock();
        if (data != null) {
            data.seek(target);
        }
        skipExhaustedBlocks();
    }

    @Override
    public void next() {
        if (!valid()) {
            throw new NoSuchElementException("iterator is not positioned on an entry");
        }
        data.next();
        skipExhaustedBlocks();
    }

    @Override
    public byte[] key() {
        if (!valid()) {
            throw new NoSuchElementException("iterator is not positioned on an entry");
        }
        return data.key();
    }

    @Override
    public byte[] value() {
        if (!valid()) {
            throw new NoSuchElementException("iterator is not positioned on an entry");
        }
        return data.value();
    }

    /** Moves to the first entry of the following blocks while the current block is used up. */
    private void skipExhaustedBlocks() {
        while (data != null && !data.valid()) {
            entry++;
            openDataBlock();
            if (data != null) {
                data.seekToFirst();
            }
        }
    }

    /** Points {@link #data} at the block of the current index entry, or null past the last one. */
    private void openDataBlock() {
        if (entry >= index.count()) {
            data = null;
            dataOffset = -1;
            return;
        }
        if (data == null || index.blockOffset(entry) != dataOffset) {
            data = table.dataBlock(index.handle(entry)).iterator(table.comparator());
            dataOffset = index.blockOffset(entry);
        }
    }

    @Override
    public String toString() {
        return "TableIterator{" + table.file() + ", " + (valid() ? "key=" + Bytes.toHex(data.key()) : "not valid") + "}";
    }
}
