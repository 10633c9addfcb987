package io.sediment.engine.sstable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The cache of decoded data blocks shared by every open table: blocks are kept already
 * checksummed and decompressed, bounded by their total size in bytes, evicted by Caffeine's
 * frequency-aware policy. Entries are keyed by (cache id, block offset); each table must be
 * opened with a cache id no other file in the same cache uses (its file number, say), and the
 * owner calls {@link #evictAll(long)} when a file is deleted if its ids could come back.
 *
 * <p>A capacity of 0 turns caching off: every lookup loads (and counts a miss).
 *
 * <p>Thread-safe. Two threads asking for the same missing block load it once.
 */
public final class BlockCache {
    private final long capacityBytes;
    private final Cache<Key, Block> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Key(long cacheId, long offset) {
    }

    /**
     * @param capacityBytes the most bytes of decoded blocks to keep; 0 for no caching
     */
    public BlockCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("block cache capacity must be >= 0 bytes, was " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.cache = capacityBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(capacityBytes)
                .weigher((Key k, Block b) -> b.sizeInBytes())
                .build();
    }

    /**
     * The block at {@code offset} of table {@code cacheId}, from the cache or else from
     * {@code loader} (whose block is then cached). Exceptions from the loader propagate and
     * nothing is cached.
     */
    public Block get(long cacheId, long offset, Supplier<Block> loader) {
        if (cache == null) {
            misses.increment();
            return loader.get();
        }
        Key key = new Key(cacheId, offset);
        Block block = cache.getIfPresent(key);
        if (block != null) {
            hits.increment();
            return block;
        }
        boolean[] loaded = {false};
        block = cache.get(key, k -> {
            loaded[0] = true;
            return loader.get();
        });
        (loaded[0] ? misses : hits).increment();
        return block;
    }

    /** Drops every block of table {@code cacheId}. Costs a pass over the cache. */
    public void evictAll(long cacheId) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.cacheId() == cacheId);
        }
    }

    /** Drops every block. */
    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** Runs pending evictions now (they otherwise run soon after, on another thread). */
    void cleanUp() {
        if (cache != null) {
            cache.cleanUp();
        }
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that had to load the block. */
    public long misses() {
        return misses.sum();
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Bytes of blocks held now (approximate while evictions are pending). */
    public long usedBytes() {
        if (cache == null) {
            return 0;
        }
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    @Override
    public String toString() {
        return "BlockCache{capacity=" + capacityBytes + ", used=" + usedBytes() + ", hits=" + hits() + ", misses="
                + misses() + "}";
    }
}
