package io.sediment.engine.sstable;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.VarInt;
import java.util.Arrays;

/**
 * Builds the contents of one block: sorted entries with prefix-compressed keys and restart
 * points. The bytes are (all integers little-endian, see docs/formats.md):
 *
 * <pre>
 * entry*            shared:varint  unshared:varint  value_length:varint  key_delta[unshared]  value[value_length]
 * restart[n]        fixed32 offset of every restart entry, ascending; restart[0] = 0
 * n                 fixed32 number of restart points (0 only in an empty block)
 * </pre>
 *
 * An entry stores only the bytes of its key after the prefix it shares with the previous key;
 * every {@code restartInterval}-th entry is a restart point and stores its whole key
 * ({@code shared = 0}), so a reader can binary-search the restart points.
 *
 * <p>REQUIRES: keys are added in strictly increasing order of the table's comparator (the
 * {@link TableBuilder} checks this; the block builder does not know the comparator).
 *
 * <p>Not thread-safe. The builder copies what it is given and can be reused after {@link #reset()}.
 */
public final class BlockBuilder {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final int restartInterval;
    private byte[] buf = new byte[256];
    private int size;
    private int[] restarts = new int[8];
    private int restartCount;
    private int sinceRestart;
    private byte[] lastKey = new byte[32];
    private int lastKeyLength;
    private int entryCount;

    public BlockBuilder(int restartInterval) {
        if (restartInterval < 1) {
            throw new IllegalArgumentException("restartInterval must be >= 1, was " + restartInterval);
        }
        this.restartInterval = restartInterval;
    }

    /** Appends an entry. REQUIRES: {@code key} sorts after every key added since the last reset. */
    public void add(byte[] key, byte[] value) {
        int shared = 0;
        if (sinceRestart == restartInterval) {
            sinceRestart = 0;
        }
        if (sinceRestart == 0) {
            if (restartCount == restarts.length) {
                restarts = Arrays.copyOf(restarts, restartCount * 2);
            }
            restarts[restartCount++] = size;
        } else {
            int m = Arrays.mismatch(lastKey, 0, lastKeyLength, key, 0, key.length);
            shared = m < 0 ? lastKeyLength : m;
        }
        int unshared = key.length - shared;
        long needed = (long) size + VarInt.sizeOf(shared) + VarInt.sizeOf(unshared)
                + VarInt.sizeOf(value.length) + unshared + value.length + 4L * (restartCount + 1);
        ensureCapacity(needed);
        size = VarInt.putVarInt(buf, size, shared);
        size = VarInt.putVarInt(buf, size, unshared);
        size = VarInt.putVarInt(buf, size, value.length);
        System.arraycopy(key, shared, buf, size, unshared);
        size += unshared;
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;

        if (lastKey.length < key.length) {
            lastKey = new byte[Math.max(key.length, lastKey.length * 2)];
        }
        System.arraycopy(key, 0, lastKey, 0, key.length);
        lastKeyLength = key.length;
        sinceRestart++;
        entryCount++;
    }

    /** The size in bytes the block would have if finished now. */
    public int estimatedSize() {
        return size + 4 * restartCount + 4;
    }

    public boolean isEmpty() {
        return entryCount == 0;
    }

    public int entryCount() {
        return entryCount;
    }

    /** Returns the finished block's bytes (a new array); the builder keeps its entries until {@link #reset()}. */
    public byte[] finish() {
        byte[] out = new byte[estimatedSize()];
        System.arraycopy(buf, 0, out, 0, size);
        int p = size;
        for (int i = 0; i < restartCount; i++) {
            Bytes.putInt(out, p, restarts[i]);
            p += 4;
        }
        Bytes.putInt(out, p, restartCount);
        return out;
    }

    /** Forgets every entry so the builder can build the next block. */
    public void reset() {
        size = 0;
        restartCount = 0;
        sinceRestart = 0;
        lastKeyLength = 0;
        entryCount = 0;
    }

    private void ensureCapacity(long needed) {
        if (needed > MAX_ARRAY) {
            throw new IllegalArgumentException("entry too large for one block: block would reach " + needed + " bytes");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(MAX_ARRAY, Math.max(needed, 2L * buf.length)));
        }
    }

    @Override
    public String toString() {
        return "BlockBuilder{entries=" + entryCount + ", bytes=" + estimatedSize() + "}";
    }
}
