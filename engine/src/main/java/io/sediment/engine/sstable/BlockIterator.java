package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.KeyComparator;
import io.sediment.engine.util.SeekingIterator;
import io.sediment.engine.util.VarInt;
import java.util.Arrays;
import java.util.Comparator;
import java.util.NoSuchElementException;

/**
 * Iterates the entries of one {@link Block}. {@link #seek(byte[])} binary-searches the restart
 * points for the last one whose key is below the target, then scans forward; {@link #next()}
 * decodes one entry. Every length read from the block is checked against the block's bounds
 * before it is used, so a malformed block raises a {@code CorruptionException} naming its origin.
 *
 * <p>Keys and values returned are fresh arrays owned by the caller. Not thread-safe.
 */
public final class BlockIterator implements SeekingIterator {
    private final Block block;
    private final byte[] data;
    private final int limit;
    private final Comparator<byte[]> comparator;
    private final int[] pos = new int[2]; // [0]: read position, [1]: length of a restart key

    /** Decoded key of the current entry, never handed out (so callers may scribble on theirs). */
    private byte[] keyBuf = new byte[32];
    private int keyLength;
    private byte[] key;
    private byte[] value;
    private int valueOffset;
    private int valueLength;
    private int nextOffset;
    private boolean valid;

    BlockIterator(Block block, Comparator<byte[]> comparator) {
        this.block = block;
        this.data = block.data();
        this.limit = block.restartsOffset();
        this.comparator = comparator;
    }

    @Override
    public boolean valid() {
        return valid;
    }

    @Override
    public void seekToFirst() {
        seekToRestart(0);
        parseNext();
    }

    @Override
    public void seek(byte[] target) {
        int count = block.restartCount();
        if (count == 0) {
            valid = false;
            return;
        }
        // Find the last restart point whose key is < target; the answer is at or after it.
        int left = 0;
        int right = count - 1;
        while (left < right) {
            int mid = (left + right + 1) >>> 1;
            if (compareRestartKey(mid, target) < 0) {
                left = mid;
            } else {
                right = mid - 1;
            }
        }
        seekToRestart(left);
        do {
            parseNext();
        } while (valid && compareCurrent(target) < 0);
    }

    @Override
    public void next() {
        requireValid();
        parseNext();
    }

    @Override
    public byte[] key() {
        requireValid();
        if (key == null) {
            key = Arrays.copyOf(keyBuf, keyLength);
        }
        return key;
    }

    /** The current key against {@code target}, without materializing the key where the order allows. */
    private int compareCurrent(byte[] target) {
        if (comparator instanceof KeyComparator k) {
            return k.compare(keyBuf, 0, keyLength, target);
        }
        return comparator.compare(key(), target);
    }

    private int compareRestartKey(int index, byte[] target) {
        int start = restartKeyStart(index);
        if (comparator instanceof KeyComparator k) {
            return k.compare(data, start, pos[1], target);
        }
        return comparator.compare(Arrays.copyOfRange(data, start, start + pos[1]), target);
    }

    @Override
    public byte[] value() {
        requireValid();
        if (value == null) {
            value = Arrays.copyOfRange(data, valueOffset, valueOffset + valueLength);
        }
        return value;
    }

    private void seekToRestart(int index) {
        keyLength = 0;
        valid = false;
        nextOffset = block.restartCount() == 0 ? limit : block.restartPoint(index);
    }

    /** Where the whole key stored at restart point {@code index} starts; its length goes to {@code pos[1]}. */
    private int restartKeyStart(int index) {
        int offset = block.restartPoint(index);
        pos[0] = offset;
        int shared = varInt(offset);
        int unshared = varInt(offset);
        varInt(offset);
        if (shared != 0 || unshared < 0 || unshared > limit - pos[0]) {
            throw block.corrupt("malformed restart entry at block offset " + offset);
        }
        pos[1] = unshared;
        return pos[0];
    }

    /** Decodes the entry at {@code nextOffset}, or becomes invalid at the end of the entries. */
    private void parseNext() {
        int offset = nextOffset;
        if (offset >= limit) {
            valid = false;
            return;
        }
        pos[0] = offset;
        int shared = varInt(offset);
        int unshared = varInt(offset);
        int vlen = varInt(offset);
        int p = pos[0];
        if (shared < 0 || shared > keyLength || unshared < 0 || unshared > limit - p
                || vlen < 0 || vlen > limit - p - unshared) {
            valid = false;
            throw block.corrupt("entry at block offset " + offset + " has impossible lengths (shared "
                    + Integer.toUnsignedString(shared) + ", unshared " + Integer.toUnsignedString(unshared)
                    + ", value " + Integer.toUnsignedString(vlen) + ")");
        }
        int newLength = shared + unshared;
        if (keyBuf.length < newLength) {
            keyBuf = Arrays.copyOf(keyBuf, Math.max(newLength, keyBuf.length * 2));
        }
        System.arraycopy(data, p, keyBuf, shared, unshared);
        keyLength = newLength;
        key = null;
        value = null;
        valueOffset = p + unshared;
        valueLength = vlen;
        nextOffset = valueOffset + vlen;
        valid = true;
    }

    /** Reads one varint of the entry at {@code entryOffset}, naming the block if it is malformed. */
    private int varInt(int entryOffset) {
        try {
            return VarInt.getVarInt(data, pos, limit);
        } catch (CorruptionException e) {
            valid = false;
            throw block.corrupt("malformed entry header at block offset " + entryOffset + " (" + e.getMessage() + ")");
        }
    }

    private void requireValid() {
        if (!valid) {
            throw new NoSuchElementException("iterator is not positioned on an entry");
        }
    }

    @Override
    public String toString() {
        return "BlockIterator{" + block.origin() + ", " + (valid ? "key=" + Bytes.toHex(Arrays.copyOf(keyBuf, keyLength)) : "not valid") + "}";
    }
}
