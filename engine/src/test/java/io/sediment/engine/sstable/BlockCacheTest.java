package io.sediment.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The block cache's contract: keys, hit/miss counts, the byte bound, scan resistance and eviction by table. */
class BlockCacheTest {
    private static final int BLOCK_BYTES = 1000;

    /** A block of exactly {@code size} bytes: one restart point at 0, never iterated here. */
    private static Block block(int size) {
        byte[] data = new byte[size];
        data[size - 4] = 1;
        return new Block(data, size, "test");
    }

    private static Block load(BlockCache cache, long id, long offset, AtomicInteger loads) {
        return cache.get(id, offset, () -> {
            loads.incrementAndGet();
            return block(BLOCK_BYTES);
        });
    }

    @Test
    void keysAreTableAndOffsetTogether() {
        BlockCache cache = new BlockCache(8L << 20);
        AtomicInteger loads = new AtomicInteger();
        Block a = load(cache, 1, 0, loads);
        Block b = load(cache, 2, 0, loads);
        Block c = load(cache, 1, 4096, loads);
        assertNotSame(a, b);
        assertNotSame(a, c);
        assertSame(a, load(cache, 1, 0, loads));
        assertSame(b, load(cache, 2, 0, loads));
        assertSame(c, load(cache, 1, 4096, loads));
        assertEquals(3, loads.get());
        assertEquals(3, cache.misses());
        assertEquals(3, cache.hits());
        assertEquals(3 * BLOCK_BYTES, cache.usedBytes());
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        BlockCache cache = new BlockCache(10 * BLOCK_BYTES);
        Random rnd = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            cache.get(rnd.nextInt(5), rnd.nextInt(100), () -> block(100 + rnd.nextInt(3 * BLOCK_BYTES)));
            assertTrue(cache.usedBytes() <= cache.capacityBytes(), "used " + cache.usedBytes());
        }
    }

    @Test
    void oneLongScanDoesNotFlushOutBlocksReadOften() {
        BlockCache cache = new BlockCache(100 * BLOCK_BYTES);
        AtomicInteger loads = new AtomicInteger();
        for (int round = 0; round < 10; round++) { // a full cache where 20 blocks are read again and again
            for (int i = 0; i < 20; i++) {
                load(cache, 1, i, loads);
                load(cache, 3, round * 20 + i, loads);
            }
        }
        for (int i = 0; i < 2_000; i++) {
            load(cache, 2, i, loads); // a scan: each block read once
        }
        int before = loads.get();
        for (int i = 0; i < 20; i++) {
            load(cache, 1, i, loads);
        }
        assertEquals(before, loads.get(), "every hot block survived the scan");
    }

    @Test
    void blockLargerThanTheCacheIsReturnedButNotKept() {
        BlockCache cache = new BlockCache(BLOCK_BYTES / 2);
        AtomicInteger loads = new AtomicInteger();
        load(cache, 1, 0, loads);
        load(cache, 1, 0, loads);
        assertEquals(2, loads.get());
        assertEquals(0, cache.usedBytes());
        assertEquals(2, cache.misses());
    }

    @Test
    void zeroCapacityLoadsEveryTime() {
        BlockCache cache = new BlockCache(0);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            load(cache, 1, 0, loads);
        }
        assertEquals(5, loads.get());
        assertEquals(5, cache.misses());
        assertEquals(0, cache.hits());
    }

    @Test
    void evictAllDropsOneTableOnly() {
        BlockCache cache = new BlockCache(64L << 20);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            load(cache, 7, i * 4096L, loads);
            load(cache, 8, i * 4096L, loads);
        }
        cache.evictAll(7);
        assertEquals(100 * BLOCK_BYTES, cache.usedBytes());
        for (int i = 0; i < 100; i++) {
            load(cache, 8, i * 4096L, loads);
        }
        assertEquals(200, loads.get());
        load(cache, 7, 0, loads);
        assertEquals(201, loads.get());
        cache.clear();
        assertEquals(0, cache.usedBytes());
    }

    @Test
    void concurrentUseKeepsCountsAndBound() throws Exception {
        BlockCache cache = new BlockCache(4L << 20);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < 20_000; i++) {
                        long id = rnd.nextInt(4);
                        long offset = rnd.nextInt(2000) * 4096L;
                        Block b = cache.get(id, offset, () -> block(4096));
                        assertEquals(4096, b.sizeInBytes());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(80_000, cache.hits() + cache.misses());
        assertTrue(cache.usedBytes() <= cache.capacityBytes());
        assertTrue(cache.hits() > 0);
    }
}
