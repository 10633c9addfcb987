package io.sediment.engine.sstable;

import java.util.Arrays;

/**
 * Collects the hashes of a table's filter keys and writes the {@link BloomFilter} bytes for them.
 * With {@code b} bits per key and {@code n} distinct keys the filter has {@code max(64, n*b)}
 * bits (rounded up to whole bytes) and {@code k = round(b * ln 2)} probes, clamped to 1..30.
 * Keys repeated one after another (several versions of one user key) are counted once.
 *
 * <p>Memory: 4 bytes per distinct key until {@link #finish()}. Not thread-safe.
 */
public final class BloomFilterBuilder {
    private static final long MAX_BITS = (long) (Integer.MAX_VALUE - 16) * 8;

    private final int bitsPerKey;
    private int[] hashes = new int[1024];
    private int count;

    public BloomFilterBuilder(int bitsPerKey) {
        if (bitsPerKey < 1) {
            throw new IllegalArgumentException("bitsPerKey must be >= 1, was " + bitsPerKey);
        }
        this.bitsPerKey = bitsPerKey;
    }

    public void add(byte[] filterKey) {
        int h = BloomFilter.hash(filterKey);
        // The same hash sets the same bits: skipping a repeat changes nothing but the sizing.
        if (count > 0 && hashes[count - 1] == h) {
            return;
        }
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        hashes[count++] = h;
    }

    /** Number of distinct keys added. */
    public int keyCount() {
        return count;
    }

    /** The filter's bytes: {@code bits k}. */
    public byte[] finish() {
        long bits = Math.min(MAX_BITS, Math.max(64, (long) count * bitsPerKey));
        int bytes = (int) ((bits + 7) / 8);
        bits = bytes * 8L;
        int k = probesFor(bitsPerKey);
        byte[] out = new byte[bytes + 1];
        out[bytes] = (byte) k;
        for (int i = 0; i < count; i++) {
            int h = hashes[i];
            int delta = Integer.rotateRight(h, 17);
            for (int j = 0; j < k; j++) {
                long bit = Integer.toUnsignedLong(h) % bits;
                out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                h += delta;
            }
        }
        return out;
    }

    /** {@code round(bitsPerKey * ln 2)} clamped to 1..30: the k that minimises false positives. */
    static int probesFor(int bitsPerKey) {
        return (int) Math.max(1, Math.min(30, Math.round(bitsPerKey * Math.log(2))));
    }
}
