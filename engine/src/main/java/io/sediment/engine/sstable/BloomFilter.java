package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;

/**
 * A bloom filter over the filter keys of one whole table, as written by {@link BloomFilterBuilder}.
 * Bytes: {@code bits[m/8] k:1}, where bit {@code i} is {@code bits[i/8] >> (i%8) & 1} and
 * {@code k} (1..30) is the number of probes. A key's probes come from one 32-bit hash
 * {@code h} ({@link #hash(byte[])}) by double hashing: probe {@code j} tests bit
 * {@code (h + j*delta) mod m} (32-bit unsigned arithmetic) with {@code delta = h rotated right by 17}.
 *
 * <p>Guarantee: {@link #mayContain(byte[])} is true for every key added; for other keys it is
 * false except with probability about {@code (1 - e^(-kn/m))^k}.
 *
 * <p>Immutable and thread-safe. The hash and probe sequence are part of the file format: DO NOT CHANGE.
 */
public final class BloomFilter {
    private static final int SEED = 0xbc9f1d34;
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private final byte[] data;
    private final long bitCount;
    private final int probes;

    private BloomFilter(byte[] data, long bitCount, int probes) {
        this.data = data;
        this.bitCount = bitCount;
        this.probes = probes;
    }

    /**
     * Reads a filter from {@code data[0, length)} (not copied).
     *
     * @param origin where the bytes came from, for error messages
     * @throws CorruptionException if the bytes cannot be a filter
     */
    public static BloomFilter fromBytes(byte[] data, int length, String origin) {
        if (length < 2 || length > data.length) {
            throw new CorruptionException(origin + ": bloom filter of " + length + " bytes is too short");
        }
        int k = data[length - 1] & 0xff;
        if (k < 1 || k > 30) {
            throw new CorruptionException(origin + ": bloom filter has " + k + " probes, expected 1 to 30");
        }
        return new BloomFilter(data, 8L * (length - 1), k);
    }

    /** False only if {@code filterKey} was certainly not added. */
    public boolean mayContain(byte[] filterKey) {
        return mayContainHash(hash(filterKey));
    }

    /** {@link #mayContain} for a key whose {@link #hash} is {@code h}. */
    public boolean mayContainHash(int h) {
        int delta = Integer.rotateRight(h, 17);
        for (int j = 0; j < probes; j++) {
            long bit = Integer.toUnsignedLong(h) % bitCount;
            if ((data[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
            h += delta;
        }
        return true;
    }

    /** Number of probes per key, {@code k}. */
    public int probes() {
        return probes;
    }

    /** Number of bits, {@code m}. */
    public long bitCount() {
        return bitCount;
    }

    /** Bytes held in memory. */
    public int sizeInBytes() {
        return (int) (bitCount / 8 + 1);
    }

    /** The filter's hash: MurmurHash3 (x86, 32-bit) of {@code key} with a fixed seed. */
    public static int hash(byte[] key) {
        return murmur3(key, SEED);
    }

    /** MurmurHash3, x86 32-bit variant. */
    static int murmur3(byte[] key, int seed) {
        int n = key.length;
        int h = seed;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            h ^= mixK(Bytes.getInt(key, i));
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int rest = n - i;
        if (rest > 0) {
            int k = 0;
            if (rest == 3) {
                k ^= (key[i + 2] & 0xff) << 16;
            }
            if (rest >= 2) {
                k ^= (key[i + 1] & 0xff) << 8;
            }
            k ^= key[i] & 0xff;
            h ^= mixK(k);
        }
        h ^= n;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    @Override
    public String toString() {
        return "BloomFilter{bits=" + bitCount + ", k=" + probes + "}";
    }
}
