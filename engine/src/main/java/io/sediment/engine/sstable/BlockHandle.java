package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;

/**
 * Where a block lies in a table file: {@code offset} of its first byte and {@code size} of its
 * stored (possibly compressed) bytes, not counting the {@link BlockCodec#TRAILER_SIZE}-byte
 * trailer that follows. Encoded in index entries as {@code offset:varint64 size:varint32}.
 *
 * <p>Immutable.
 */
public record BlockHandle(long offset, int size) {
    /** The most bytes {@link #encode()} produces. */
    public static final int MAX_ENCODED_LENGTH = 10 + 5;

    public BlockHandle {
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("negative block handle: offset " + offset + ", size " + size);
        }
    }

    public byte[] encode() {
        byte[] buf = new byte[MAX_ENCODED_LENGTH];
        int p = putVarLong(buf, 0, offset);
        p = putVarLong(buf, p, size);
        return p == buf.length ? buf : java.util.Arrays.copyOf(buf, p);
    }

    /**
     * Decodes a handle that must fill all of {@code src}.
     *
     * @param origin where the bytes came from, for error messages
     */
    public static BlockHandle decode(byte[] src, String origin) {
        int[] pos = {0};
        long offset = getVarLong(src, pos, 10, origin);
        long size = getVarLong(src, pos, 5, origin);
        if (offset < 0 || size < 0 || size > Integer.MAX_VALUE || pos[0] != src.length) {
            throw new CorruptionException(origin + ": malformed block handle");
        }
        return new BlockHandle(offset, (int) size);
    }

    private static int putVarLong(byte[] dst, int p, long v) {
        while ((v & ~0x7fL) != 0) {
            dst[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[p++] = (byte) v;
        return p;
    }

    private static long getVarLong(byte[] src, int[] pos, int maxBytes, String origin) {
        long result = 0;
        for (int i = 0; i < maxBytes; i++) {
            int p = pos[0];
            if (p >= src.length) {
                break;
            }
            int b = src[p] & 0xff;
            pos[0] = p + 1;
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptionException(origin + ": malformed block handle (bad varint)");
    }
}
