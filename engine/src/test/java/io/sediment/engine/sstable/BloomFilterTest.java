package io.sediment.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.CorruptionException;
import org.junit.jupiter.api.Test;

class BloomFilterTest {
    private static byte[] key(String prefix, int i) {
        return (prefix + i).getBytes();
    }

    @Test
    void probesAreBitsPerKeyTimesLn2Clamped() {
        assertEquals(1, BloomFilterBuilder.probesFor(1));
        assertEquals(7, BloomFilterBuilder.probesFor(10));
        assertEquals(30, BloomFilterBuilder.probesFor(100));
    }

    @Test
    void falsePositiveRateIsWithinTwiceTheory() {
        int n = 100_000;
        BloomFilterBuilder builder = new BloomFilterBuilder(10);
        for (int i = 0; i < n; i++) {
            builder.add(key("present-", i));
        }
        byte[] bytes = builder.finish();
        BloomFilter filter = BloomFilter.fromBytes(bytes, bytes.length, "test");
        for (int i = 0; i < n; i++) {
            assertTrue(filter.mayContain(key("present-", i)), "no false negatives");
        }
        int falsePositives = 0;
        for (int i = 0; i < n; i++) {
            if (filter.mayContain(key("absent-", i))) {
                falsePositives++;
            }
        }
        int k = filter.probes();
        double m = filter.bitCount();
        double theory = Math.pow(1 - Math.exp(-k * n / m), k);
        double measured = (double) falsePositives / n;
        assertEquals(7, k);
        assertTrue(measured <= 2 * theory, "false-positive rate " + measured + " vs theory " + theory);
    }

    @Test
    void smallFiltersHaveAtLeast64BitsAndRepeatsCountOnce() {
        BloomFilterBuilder builder = new BloomFilterBuilder(10);
        builder.add(new byte[] {1});
        builder.add(new byte[] {1});
        assertEquals(1, builder.keyCount());
        byte[] bytes = builder.finish();
        assertEquals(8 + 1, bytes.length);
        BloomFilter filter = BloomFilter.fromBytes(bytes, bytes.length, "f");
        assertTrue(filter.mayContain(new byte[] {1}));
        assertEquals(64, filter.bitCount());
    }

    @Test
    void emptyFilterMatchesNothingMuch() {
        byte[] bytes = new BloomFilterBuilder(10).finish();
        BloomFilter filter = BloomFilter.fromBytes(bytes, bytes.length, "f");
        for (int i = 0; i < 100; i++) {
            assertTrue(!filter.mayContain(key("k", i)));
        }
    }

    @Test
    void malformedFiltersAreCorruption() {
        assertThrows(CorruptionException.class, () -> BloomFilter.fromBytes(new byte[1], 1, "f"));
        assertThrows(CorruptionException.class, () -> BloomFilter.fromBytes(new byte[] {0, 0}, 2, "f"));
        CorruptionException e = assertThrows(CorruptionException.class,
                () -> BloomFilter.fromBytes(new byte[] {0, 31}, 2, "file.sst"));
        assertTrue(e.getMessage().contains("file.sst") && e.getMessage().contains("31 probes"), e.getMessage());
    }

    @Test
    void hashIsMurmur3() {
        assertEquals(0, BloomFilter.murmur3(new byte[0], 0));
        assertEquals(0x514e28b7, BloomFilter.murmur3(new byte[0], 1));
        assertEquals(0x81f16f39, BloomFilter.murmur3(new byte[0], 0xffffffff));
        assertEquals(0x2362f9de, BloomFilter.murmur3(new byte[4], 0));
        assertEquals(0x5a97808a, BloomFilter.murmur3("aaaa".getBytes(), 0x9747b28c));
        assertEquals(0xb3dd93fa, BloomFilter.murmur3("abc".getBytes(), 0));
        assertEquals(0x24884cba, BloomFilter.murmur3("Hello, world!".getBytes(), 0x9747b28c));
        assertEquals(0x2fa826cd, BloomFilter.murmur3("The quick brown fox jumps over the lazy dog".getBytes(), 0x9747b28c));
    }

    @Test
    void filterHashIsStable() {
        // Part of the file format: filters already on disk depend on this value.
        assertEquals(0xdef78c91, BloomFilter.hash("hello".getBytes()));
    }
}
