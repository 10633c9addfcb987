package io.sediment.engine.version;

import io.sediment.engine.sstable.TableReader;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The open tables of one {@link Version}'s files, pinned for as long as one set of readers (a
 * super-version) holds that version, so that a point read reaches a file's {@link TableReader}
 * by array index instead of a {@link TableCache} lookup per probed table. A file's table is
 * acquired from the cache on first use (at most one pin per file survives a race) and every pin
 * is released exactly once, by {@link #release()}.
 *
 * <p>Files stay open while pinned even if the table cache evicts them, so a version with more
 * files than the cache may keep open is not pinned at all: {@link #reader} then answers null and
 * callers acquire from {@link #cache()} per use, keeping the number of open files bounded.
 *
 * <p>Thread-safe. REQUIRES: {@link #reader} is called only by holders of the reader set, and
 * {@link #release()} once, after the last of them is done (the super-version's reference count
 * ensures both); the version's files are not deleted before then, because the version is live.
 */
public final class PinnedTables {
    private final Version version;
    private final TableCache cache;
    private final AtomicReferenceArray<TableCache.Handle> pins; // null: not pinning

    public PinnedTables(Version version, TableCache cache) {
        this.version = version;
        this.cache = cache;
        int files = version.totalFiles();
        this.pins = files <= cache.maxOpenFiles() ? new AtomicReferenceArray<>(files) : null;
    }

    /**
     * The open table of the file in {@link Version#slot slot} {@code slot} of the version, or null
     * if this version is not pinned (then acquire it from {@link #cache()} and release it after use).
     */
    TableReader reader(int slot) {
        if (pins == null) {
            return null;
        }
        TableCache.Handle h = pins.get(slot);
        if (h == null) {
            h = cache.acquire(version.fileAt(slot).number());
            if (!pins.compareAndSet(slot, null, h)) {
                h.release();
                h = pins.get(slot);
            }
        }
        return h.reader();
    }

    TableCache cache() {
        return cache;
    }

    /** Drops every pin taken. REQUIRES: no reader of this set is still running. */
    public void release() {
        if (pins == null) {
            return;
        }
        for (int i = 0; i < pins.length(); i++) {
            TableCache.Handle h = pins.getAndSet(i, null);
            if (h != null) {
                h.release();
            }
        }
    }

    @Override
    public String toString() {
        return "PinnedTables{" + (pins == null ? "not pinning" : pins.length() + " slots") + "}";
    }
}
