package io.sediment.engine.version;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.sediment.engine.key.InternalKey;
import io.sediment.engine.sstable.BlockCache;
import io.sediment.engine.sstable.TableReader;
import io.sediment.engine.util.RefCount;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps a bounded number of SSTables open (Caffeine, by count). A table is handed out as a
 * {@link Handle} that must be released; a table evicted while in use is closed only when its
 * last user releases it, so an eviction never breaks a running read.
 *
 * <p>Thread-safe.
 */
public final class TableCache implements AutoCloseable {
    private final Path dir;
    private final BlockCache blockCache;
    private final int maxOpenFiles;
    private final Cache<Long, Handle> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public TableCache(Path dir, int maxOpenFiles, BlockCache blockCache) {
        this.dir = dir;
        this.blockCache = blockCache;
        this.maxOpenFiles = maxOpenFiles;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxOpenFiles)
                .executor(Runnable::run)
                .removalListener((Long number, Handle h, RemovalCause cause) -> {
                    if (h != null) {
                        h.release();
                    }
                })
                .build();
    }

    /** An open table with a reference count; {@link #release()} when done. */
    public static final class Handle {
        private final TableReader reader;
        private final RefCount refs; // starts with the cache's own reference

        Handle(TableReader reader) {
            this.reader = reader;
            this.refs = new RefCount(reader::close);
        }

        public TableReader reader() {
            return reader;
        }

        boolean tryAcquire() {
            return refs.tryAcquire();
        }

        public void release() {
            refs.release();
        }
    }

    /** Opens (or finds open) table {@code number}; the caller must release the handle. */
    public Handle acquire(long number) {
        while (true) {
            boolean[] loaded = {false};
            Handle h = cache.get(number, n -> {
                loaded[0] = true;
                return new Handle(TableReader.open(FileNames.table(dir, n), n, InternalKey.COMPARATOR, blockCache));
            });
            (loaded[0] ? misses : hits).increment();
            if (h.tryAcquire()) {
                return h;
            }
            cache.asMap().remove(number, h);
        }
    }

    /** Drops a table (deleted by compaction) from the cache. */
    public void evict(long number) {
        cache.invalidate(number);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** How many tables the cache keeps open at most. */
    public int maxOpenFiles() {
        return maxOpenFiles;
    }

    public BlockCache blockCache() {
        return blockCache;
    }

    @Override
    public void close() {
        cache.invalidateAll();
        cache.cleanUp();
    }
}
