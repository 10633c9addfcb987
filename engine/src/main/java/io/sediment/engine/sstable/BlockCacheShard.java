package io.sediment.engine.sstable;

/**
 * One shard of the {@link BlockCache}: a hash table keyed by (cache id, offset) held as two
 * primitive longs — so a lookup allocates nothing — whose entries are also threaded on a ring in
 * insertion order, evicted by CLOCK (second chance): a hit only marks its entry referenced, and
 * eviction walks from the oldest entry, giving a marked one another round (unmarked, moved to the
 * newest end) and dropping the first unmarked one. So a hit touches no other entry, unlike LRU's
 * move to the front, while blocks read since they last came round survive as under LRU.
 * Invariant: {@link #usedBytes()} never exceeds the capacity after a call returns; inserting
 * evicts until it fits, and a block larger than the whole capacity is never kept.
 *
 * <p>Thread-safe: every method holds the shard's monitor, for a few pointer moves only.
 */
final class BlockCacheShard {
    private static final int INITIAL_BUCKETS = 64;
    /** Low hash bits pick the shard in {@link BlockCache}; buckets use the bits above them. */
    private static final int SHARD_BITS = 4;

    /** A cached block: a bucket chain link and a link in the ring. */
    private static final class Node {
        final long cacheId;
        final long offset;
        final int hash;
        final Block block;
        Node chain;
        Node newer;
        Node older;
        boolean referenced;

        Node(long cacheId, long offset, int hash, Block block) {
            this.cacheId = cacheId;
            this.offset = offset;
            this.hash = hash;
            this.block = block;
        }
    }

    private final long capacityBytes;
    /** Sentinel of the ring: {@code ring.older} is the newest entry, {@code ring.newer} the oldest. */
    private final Node ring = new Node(-1, -1, 0, null);
    private Node[] buckets = new Node[INITIAL_BUCKETS];
    private int count;
    private long usedBytes;
    private long hits;
    private long misses;

    BlockCacheShard(long capacityBytes) {
        this.capacityBytes = capacityBytes;
        ring.newer = ring;
        ring.older = ring;
    }

    /** The cached block, marked referenced, or null (counted as a miss: the caller loads it). */
    synchronized Block get(long cacheId, long offset, int hash) {
        for (Node n = buckets[bucket(hash, buckets.length)]; n != null; n = n.chain) {
            if (n.offset == offset && n.cacheId == cacheId) {
                hits++;
                n.referenced = true;
                return n.block;
            }
        }
        misses++;
        return null;
    }

    /**
     * Caches {@code block} (evicting blocks to make room) and returns it,
     * or returns the block already cached under the key if another thread loaded it first.
     */
    synchronized Block put(long cacheId, long offset, int hash, Block block) {
        int b = bucket(hash, buckets.length);
        for (Node n = buckets[b]; n != null; n = n.chain) {
            if (n.offset == offset && n.cacheId == cacheId) {
                return n.block;
            }
        }
        int size = block.sizeInBytes();
        if (size > capacityBytes) {
            return block;
        }
        while (usedBytes + size > capacityBytes) {
            Node oldest = ring.newer;
            if (oldest.referenced) {
                oldest.referenced = false;
                unlink(oldest);
                linkNewest(oldest);
            } else {
                remove(oldest);
            }
        }
        Node n = new Node(cacheId, offset, hash, block);
        n.chain = buckets[b];
        buckets[b] = n;
        linkNewest(n);
        usedBytes += size;
        if (++count > buckets.length - (buckets.length >>> 2)) {
            resize();
        }
        return block;
    }

    synchronized void evictAll(long cacheId) {
        for (Node n = ring.newer; n != ring; ) {
            Node next = n.newer;
            if (n.cacheId == cacheId) {
                remove(n);
            }
            n = next;
        }
    }

    synchronized void clear() {
        buckets = new Node[INITIAL_BUCKETS];
        ring.newer = ring;
        ring.older = ring;
        count = 0;
        usedBytes = 0;
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    synchronized long usedBytes() {
        return usedBytes;
    }

    private void remove(Node victim) {
        int b = bucket(victim.hash, buckets.length);
        if (buckets[b] == victim) {
            buckets[b] = victim.chain;
        } else {
            Node p = buckets[b];
            while (p.chain != victim) {
                p = p.chain;
            }
            p.chain = victim.chain;
        }
        unlink(victim);
        usedBytes -= victim.block.sizeInBytes();
        count--;
    }

    private void resize() {
        Node[] grown = new Node[buckets.length * 2];
        for (Node head : buckets) {
            for (Node n = head; n != null; ) {
                Node next = n.chain;
                int b = bucket(n.hash, grown.length);
                n.chain = grown[b];
                grown[b] = n;
                n = next;
            }
        }
        buckets = grown;
    }

    private void unlink(Node n) {
        n.older.newer = n.newer;
        n.newer.older = n.older;
    }

    private void linkNewest(Node n) {
        n.older = ring.older;
        n.newer = ring;
        ring.older.newer = n;
        ring.older = n;
    }

    private static int bucket(int hash, int length) {
        return (hash >>> SHARD_BITS) & (length - 1);
    }

    @Override
    public synchronized String toString() {
        return "BlockCacheShard{" + count + " blocks, " + usedBytes + "/" + capacityBytes + " bytes}";
    }
}
