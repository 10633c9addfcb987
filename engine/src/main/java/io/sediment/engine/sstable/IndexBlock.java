package io.sediment.engine.sstable;

import io.sediment.engine.util.KeyComparator;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A table's index block, decoded once when the table opens into flat arrays: entry {@code i}
 * maps the separator key {@code keys[keyStart[i], keyStart[i+1])} (every key of data block
 * {@code i} is {@code <=} it, every key of block {@code i+1} is greater) to that block's handle.
 * {@link #find} is a binary search that decides most steps on 64-bit key prefixes held in one
 * array, and compares whole keys only where prefixes tie — instead of decoding a restart point
 * and an entry header at every step.
 *
 * <p>The prefixes: where the order compares the keys' first bytes as plain unsigned bytes
 * ({@link KeyComparator#byteOrderedLength}), let {@code shared} be the bytes all separators
 * begin with there (keys of one table often share a long head, e.g. zero-padded numbers or a
 * table id). A target that does not begin with {@code shared} sorts before or after every
 * separator, decided by that alone; for one that does, the next 8 bytes of its byte-ordered part
 * (big-endian, zero-padded) are monotone in the order, so unequal prefixes decide a comparison.
 *
 * <p>Decoding goes through {@link BlockIterator} and {@link BlockHandle#decode}, so a malformed
 * index raises {@code CorruptionException} naming its origin, at open. Immutable and thread-safe.
 */
final class IndexBlock {
    private final Comparator<byte[]> comparator;
    private final KeyComparator inPlace; // null: the comparator compares copies only
    private final byte[] shared;
    private final byte[] keys;
    private final int[] keyStart;
    private final long[] prefixes;
    private final long[] blockOffsets;
    private final int[] blockSizes;
    private final String origin;

    IndexBlock(Block block, Comparator<byte[]> comparator) {
        this.comparator = comparator;
        this.inPlace = comparator instanceof KeyComparator k ? k : null;
        this.origin = block.origin();
        int count = 0;
        int keyBytes = 0;
        BlockIterator it = block.iterator(comparator);
        for (it.seekToFirst(); it.valid(); it.next()) {
            count++;
            keyBytes += it.key().length;
        }
        this.keys = new byte[keyBytes];
        this.keyStart = new int[count + 1];
        this.prefixes = new long[count];
        this.blockOffsets = new long[count];
        this.blockSizes = new int[count];
        int i = 0;
        int sharedLength = -1;
        for (it.seekToFirst(); it.valid(); it.next(), i++) {
            byte[] key = it.key();
            System.arraycopy(key, 0, keys, keyStart[i], key.length);
            keyStart[i + 1] = keyStart[i] + key.length;
            int ordered = byteOrderedLength(key.length);
            sharedLength = sharedLength < 0 ? ordered : Math.min(ordered,
                    mismatchLength(keys, keyStart[0], sharedLength, key, ordered));
            BlockHandle h = BlockHandle.decode(it.value(), origin);
            blockOffsets[i] = h.offset();
            blockSizes[i] = h.size();
        }
        this.shared = Arrays.copyOfRange(keys, 0, Math.max(0, sharedLength));
        for (i = 0; i < count; i++) {
            prefixes[i] = prefix(keys, keyStart[i], keyStart[i + 1] - keyStart[i]);
        }
    }

    /** Length of the common head of {@code a[from, from + aLength)} and {@code b[0, bLength)}. */
    private static int mismatchLength(byte[] a, int from, int aLength, byte[] b, int bLength) {
        int m = Arrays.mismatch(a, from, from + aLength, b, 0, bLength);
        return m < 0 ? aLength : m;
    }

    private int byteOrderedLength(int keyLength) {
        return inPlace == null ? 0 : Math.min(keyLength, inPlace.byteOrderedLength(keyLength));
    }

    /** REQUIRES: the key begins with {@link #shared} in its byte-ordered part. */
    private long prefix(byte[] key, int from, int length) {
        int start = from + shared.length;
        int n = Math.min(8, byteOrderedLength(length) - shared.length);
        long p = 0;
        for (int i = 0; i < n; i++) {
            p |= (key[start + i] & 0xffL) << (56 - 8 * i);
        }
        return p;
    }

    /** Number of data blocks. */
    int count() {
        return blockSizes.length;
    }

    /** The first entry whose separator key is {@code >= target}: the block that may hold it; {@link #count()} if none. */
    int find(byte[] target) {
        int ordered = byteOrderedLength(target.length);
        int head = Arrays.compareUnsigned(target, 0, Math.min(ordered, shared.length), shared, 0, shared.length);
        if (head != 0) {
            return head < 0 ? 0 : count();
        }
        long targetPrefix = prefix(target, 0, target.length);
        int lo = 0;
        int hi = prefixes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(mid, targetPrefix, target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int compare(int entry, long targetPrefix, byte[] target) {
        long p = prefixes[entry];
        if (p != targetPrefix) {
            return Long.compareUnsigned(p, targetPrefix);
        }
        int from = keyStart[entry];
        int length = keyStart[entry + 1] - from;
        return inPlace != null ? inPlace.compare(keys, from, length, target)
                : comparator.compare(Arrays.copyOfRange(keys, from, from + length), target);
    }

    /** The handle of data block {@code entry}. */
    BlockHandle handle(int entry) {
        return new BlockHandle(blockOffsets[entry], blockSizes[entry]);
    }

    long blockOffset(int entry) {
        return blockOffsets[entry];
    }

    /** The separator key of {@code entry}, for error messages. */
    byte[] key(int entry) {
        return Arrays.copyOfRange(keys, keyStart[entry], keyStart[entry + 1]);
    }

    String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "IndexBlock{" + origin + ", " + count() + " blocks}";
    }
}
