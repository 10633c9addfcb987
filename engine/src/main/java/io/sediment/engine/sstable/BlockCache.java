package io.sediment.engine.sstable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The cache of decoded data blocks shared by every open table: blocks are kept already
 * checksummed and decompressed, bounded by their total size in bytes (a Caffeine cache weighed by
 * block size, evicting by W-TinyLFU). Entries are keyed by (cache id, block offset); each table
 * must be opened with a cache id no other file in the same cache uses (its file number, say), and
 * the owner calls {@link #evictAll(long)} when a file is deleted if its ids could come back.
 *
 * <p>Caffeine's maintenance runs on the calling thread, so {@link #usedBytes()} never exceeds
 * {@link #capacityBytes()} once a call has returned; a block larger than the capacity is returned
 * but not kept. A capacity of 0 turns caching off: every lookup loads (and counts a miss).
 *
 * <p>Thread-safe. The loader runs outside any lock, so two threads missing the same block at
 * once may both load it; both get a correct block and one copy is kept.
 */
public final class BlockCache {
    private final long capacityBytes;
    /** Null when the capacity is 0. */
    private final Cache<BlockKey, Block> cache;
    private final Policy.Eviction<BlockKey, Block> eviction;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** Which block: the table's cache id and the block's offset in that table. */
    private record BlockKey(long cacheId, long offset) {
        @Override
        public int hashCode() {
            long h = (cacheId * 0x9E3779B97F4A7C15L) ^ offset;
            h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
            return (int) (h ^ (h >>> 33));
        }
    }

    /**
     * @param capacityBytes the most bytes of decoded blocks to keep; 0 for no caching
     */
    public BlockCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("block cache capacity must be >= 0 bytes, was " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        if (capacityBytes == 0) {
            this.cache = null;
            this.eviction = null;
        } else {
            this.cache = Caffeine.newBuilder()
                    .maximumWeight(capacityBytes)
                    .weigher((BlockKey k, Block b) -> b.sizeInBytes())
                    .executor(Runnable::run)
                    .build();
            this.eviction = cache.policy().eviction().orElseThrow();
        }
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
        BlockKey key = new BlockKey(cacheId, offset);
        Block block = cache.getIfPresent(key);
        if (block != null) {
            hits.increment();
            return block;
        }
        misses.increment();
        block = loader.get();
        Block raced = cache.asMap().putIfAbsent(key, block);
        return raced != null ? raced : block;
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

    /** Bytes of blocks held now. */
    public long usedBytes() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return eviction.weightedSize().orElse(0);
    }

    @Override
    public String toString() {
        return "BlockCache{capacity=" + capacityBytes + ", used=" + usedBytes()
                + ", hits=" + hits() + ", misses=" + misses() + "}";
    }
}
