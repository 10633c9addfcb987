package io.sediment.engine.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A bloom filter over the user keys of one memtable, so that a point read of a key the memtable
 * does not hold (the common case) skips the skiplist search. Blocked: a key's probes all fall in one
 * 512-bit block (one cache line), six probes per key. Sized once, from the bytes the memtable is
 * expected to hold, at {@value #BYTES_PER_BIT} bytes of entries per bit (about 9 bits per entry for
 * 16-byte keys and 100-byte values, about 1-2 % false positives); a memtable that outgrows the
 * estimate only gets more false positives.
 *
 * <p>Guarantees: no false negatives — a key {@link #add added} before (happens-before) a call of
 * {@link #mayContain} is reported. Thread-safety: one writer adds; readers call {@link #mayContain}
 * concurrently without locks (bits are only ever set, in {@code int} words, which are read and
 * written atomically).
 */
final class KeyFilter {
    /** Tuning constant: bytes of expected memtable contents per filter bit. */
    static final int BYTES_PER_BIT = 16;
    private static final int BLOCK_BITS = 512;
    private static final int PROBES = 6;
    private static final int MAX_BLOCKS = 1 << 17; // 8 MiB of filter
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] words;
    private final int blocks;

    KeyFilter(long expectedBytes) {
        long wanted = expectedBytes / BYTES_PER_BIT / BLOCK_BITS;
        blocks = (int) Math.max(1, Math.min(MAX_BLOCKS, wanted));
        words = new int[blocks * (BLOCK_BITS / 32)];
    }

    /** REQUIRES: single writer. */
    void add(byte[] key) {
        long h = hash(key);
        int base = block(h);
        long probes = h * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < PROBES; i++, probes >>>= 9) {
            int bit = (int) probes & (BLOCK_BITS - 1);
            words[base + (bit >>> 5)] |= 1 << bit;
        }
    }

    /** False if {@code key} was certainly never added. */
    boolean mayContain(byte[] key) {
        long h = hash(key);
        int base = block(h);
        long probes = h * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < PROBES; i++, probes >>>= 9) {
            int bit = (int) probes & (BLOCK_BITS - 1);
            if ((words[base + (bit >>> 5)] & (1 << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** First word of the key's block. */
    private int block(long h) {
        return (int) (((h >>> 32) * blocks) >>> 32) * (BLOCK_BITS / 32);
    }

    /** A 64-bit hash of the key, eight bytes at a time, finished with MurmurHash3's mixer. */
    private static long hash(byte[] key) {
        long h = key.length * 0xC2B2AE3D27D4EB4FL;
        int i = 0;
        for (; i + 8 <= key.length; i += 8) {
            h = Long.rotateLeft(h ^ ((long) LONG.get(key, i) * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
        }
        long tail = 0;
        for (int j = key.length - 1; j >= i; j--) {
            tail = tail << 8 | (key[j] & 0xff);
        }
        h ^= tail * 0x87C37B91114253D5L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
