package io.sediment.engine.version;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.sstable.TableReader;
import io.sediment.engine.util.SeekingIterator;
import java.util.List;

/**
 * Iterates a sorted run of non-overlapping files as one sequence, opening each file only when
 * the iteration reaches it — from the version's {@link PinnedTables} when it has them, else
 * acquired from the {@link TableCache} and released when the iteration moves on. A seek that
 * lands in the file already open reuses its iterator. Not thread-safe.
 */
final class LevelIterator implements SeekingIterator {
    private final List<FileMetaData> files;
    private final TableCache tables;
    private final PinnedTables pinned;
    private final int firstSlot;
    private int index = -1;
    private TableCache.Handle handle;
    private SeekingIterator current;

    /** Acquires every file from {@code tables}. */
    LevelIterator(List<FileMetaData> files, TableCache tables) {
        this.files = files;
        this.tables = tables;
        this.pinned = null;
        this.firstSlot = 0;
    }

    /**
     * Reads the files through the version's {@code pinned} tables.
     *
     * @param firstSlot the {@link Version#slot} of {@code files.get(0)} in {@code pinned}'s version
     */
    LevelIterator(List<FileMetaData> files, PinnedTables pinned, int firstSlot) {
        this.files = files;
        this.tables = pinned.cache();
        this.pinned = pinned;
        this.firstSlot = firstSlot;
    }

    @Override
    public boolean valid() {
        return current != null && current.valid();
    }

    @Override
    public void seekToFirst() {
        open(0);
        if (current != null) {
            current.seekToFirst();
        }
        skipEmptyFiles();
    }

    @Override
    public void seek(byte[] target) {
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.COMPARATOR.compare(files.get(mid).largest(), target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo != index || current == null) {
            open(lo);
        }
        if (current != null) {
            current.seek(target);
        }
        skipEmptyFiles();
    }

    @Override
    public void next() {
        current.next();
        skipEmptyFiles();
    }

    private void skipEmptyFiles() {
        while (current != null && !current.valid()) {
            open(index + 1);
            if (current != null) {
                current.seekToFirst();
            }
        }
    }

    private void open(int i) {
        closeCurrent();
        index = i;
        if (i < files.size()) {
            TableReader reader = pinned == null ? null : pinned.reader(firstSlot + i);
            if (reader == null) {
                handle = tables.acquire(files.get(i).number());
                reader = handle.reader();
            }
            current = reader.iterator();
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (handle != null) {
            handle.release();
            handle = null;
        }
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    @Override
    public void close() {
        closeCurrent();
        index = files.size();
    }

    @Override
    public String toString() {
        return "LevelIterator{file " + index + "/" + files.size() + "}";
    }
}
