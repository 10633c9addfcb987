package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import java.util.Comparator;

/**
 * The decoded contents of one block (data or index), as written by {@link BlockBuilder}, ready
 * to be iterated. Construction checks the restart array (count and every offset in range and
 * ascending), and iterators check every entry as they decode it, so bytes that are not a valid
 * block raise {@link CorruptionException} naming {@link #origin()} — never an index or size error.
 *
 * <p>Immutable and thread-safe: a block is shared through the {@link BlockCache}; every
 * {@link #iterator(Comparator)} has its own position.
 */
public final class Block {
    private final byte[] data;
    private final int length;
    private final int restartsOffset;
    private final int restartCount;
    private final Object origin;

    /**
     * Wraps {@code data[0, length)} (not copied; the caller must not change it afterwards).
     *
     * @param origin where the block came from, for error messages (e.g. file and offset): its
     *               {@code toString()} is called only when a message needs it
     * @throws CorruptionException if the restart array is malformed
     */
    public Block(byte[] data, int length, Object origin) {
        this.data = data;
        this.length = length;
        this.origin = origin;
        if (length < 4 || length > data.length) {
            throw corrupt("block is " + length + " bytes, too short for its restart count");
        }
        int count = Bytes.getInt(data, length - 4);
        if (count < 0 || count > (length - 4) / 4) {
            throw corrupt("restart count " + Integer.toUnsignedString(count) + " does not fit in a "
                    + length + "-byte block");
        }
        this.restartCount = count;
        this.restartsOffset = length - 4 - 4 * count;
        if ((count == 0) != (restartsOffset == 0)) {
            throw corrupt(count == 0 ? "block has entries but no restart points" : "block has restart points but no entries");
        }
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int r = restartPoint(i);
            if (i == 0 ? r != 0 : (r <= previous || r >= restartsOffset)) {
                throw corrupt("restart point " + i + " has offset " + r + ", out of order or past the entries ("
                        + restartsOffset + " bytes)");
            }
            previous = r;
        }
    }

    /** A new iterator over this block's entries, ordered by {@code comparator}. */
    public BlockIterator iterator(Comparator<byte[]> comparator) {
        return new BlockIterator(this, comparator);
    }

    /** Bytes of memory the decoded block holds (the cache's weight). */
    public int sizeInBytes() {
        return length;
    }

    /** Where the block came from, as used in error messages. */
    public String origin() {
        return origin.toString();
    }

    byte[] data() {
        return data;
    }

    /** Offset of the restart array; entries occupy {@code [0, restartsOffset())}. */
    int restartsOffset() {
        return restartsOffset;
    }

    int restartCount() {
        return restartCount;
    }

    int restartPoint(int index) {
        return Bytes.getInt(data, restartsOffset + 4 * index);
    }

    CorruptionException corrupt(String problem) {
        return new CorruptionException(origin + ": " + problem);
    }

    @Override
    public String toString() {
        return "Block{" + origin + ", " + length + " bytes, " + restartCount + " restarts}";
    }
}
