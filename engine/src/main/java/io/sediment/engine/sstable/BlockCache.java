package io.sediment.engine.sstable;

import java.util.function.Supplier;

/**
 * The cache of decoded data blocks shared by every open table: blocks are kept already
 * checksummed and decompressed, bounded by their total size in bytes, evicted by CLOCK (an
 * approximation of least recently used, see {@link BlockCacheShard}). Entries are keyed by (cache id, block offset); each table must be opened with a
 * cache id no other file in the same cache uses (its file number, say), and the owner calls
 * {@link #evictAll(long)} when a file is deleted if its ids could come back.
 *
 * <p>The cache is split into a power-of-two number of {@link BlockCacheShard}s (each at least
 * 1 MiB, at most 16) chosen by a hash of the key, so that a lookup takes one uncontended lock
 * and allocates nothing — the point-read path makes one lookup per probed table. Every shard
 * holds at most its share of the capacity, so the cache as a whole never holds more than
 * {@link #capacityBytes()}; a block larger than a shard's share is returned but not kept.
 *
 * <p>A capacity of 0 turns caching off: every lookup loads (and counts a miss).
 *
 * <p>Thread-safe. The loader runs outside any lock, so two threads missing the same block at
 * once may both load it; both get a correct block and one copy is kept.
 */
public final class BlockCache {
    private static final long MIN_SHARD_BYTES = 1L << 20;
    private static final int MAX_SHARDS = 16;

    private final long capacityBytes;
    private final BlockCacheShard[] shards;
    private final int shardMask;

    /**
     * @param capacityBytes the most bytes of decoded blocks to keep; 0 for no caching
     */
    public BlockCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("block cache capacity must be >= 0 bytes, was " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        int n = (int) Math.max(1, Math.min(MAX_SHARDS, Long.highestOneBit(Math.max(1, capacityBytes / MIN_SHARD_BYTES))));
        this.shards = new BlockCacheShard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new BlockCacheShard(capacityBytes / n);
        }
        this.shardMask = n - 1;
    }

    /**
     * The block at {@code offset} of table {@code cacheId}, from the cache or else from
     * {@code loader} (whose block is then cached). Exceptions from the loader propagate and
     * nothing is cached.
     */
    public Block get(long cacheId, long offset, Supplier<Block> loader) {
        int hash = hash(cacheId, offset);
        BlockCacheShard shard = shards[hash & shardMask];
        Block block = shard.get(cacheId, offset, hash);
        if (block != null) {
            return block;
        }
        block = loader.get();
        return shard.put(cacheId, offset, hash, block);
    }

    /** Spreads the key over shards and buckets: the shard takes the low bits, buckets the rest. */
    private static int hash(long cacheId, long offset) {
        long h = (cacheId * 0x9E3779B97F4A7C15L) ^ offset;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        return (int) (h ^ (h >>> 33));
    }

    /** Drops every block of table {@code cacheId}. Costs a pass over the cache. */
    public void evictAll(long cacheId) {
        for (BlockCacheShard s : shards) {
            s.evictAll(cacheId);
        }
    }

    /** Drops every block. */
    public void clear() {
        for (BlockCacheShard s : shards) {
            s.clear();
        }
    }

    /** Lookups answered from the cache. */
    public long hits() {
        long sum = 0;
        for (BlockCacheShard s : shards) {
            sum += s.hits();
        }
        return sum;
    }

    /** Lookups that had to load the block. */
    public long misses() {
        long sum = 0;
        for (BlockCacheShard s : shards) {
            sum += s.misses();
        }
        return sum;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Bytes of blocks held now. */
    public long usedBytes() {
        long sum = 0;
        for (BlockCacheShard s : shards) {
            sum += s.usedBytes();
        }
        return sum;
    }

    @Override
    public String toString() {
        return "BlockCache{capacity=" + capacityBytes + ", shards=" + shards.length + ", used=" + usedBytes()
                + ", hits=" + hits() + ", misses=" + misses() + "}";
    }
}
