package io.sediment.engine.util;

import io.sediment.engine.error.CorruptionException;

/** Unsigned LEB128 variable-length integers (7 bits a byte), as used inside blocks and edits. */
public final class VarInt {
    private VarInt() {
    }

    /** Writes {@code v} at {@code dst[off]} and returns the offset after it. */
    public static int putVarInt(byte[] dst, int off, int v) {
        while ((v & ~0x7f) != 0) {
            dst[off++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[off++] = (byte) v;
        return off;
    }

    public static int sizeOf(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * Reads a varint at {@code pos[0]} within {@code src[.., limit)}, advancing {@code pos[0]}.
     *
     * @throws CorruptionException if the varint runs past {@code limit} or exceeds 32 bits
     */
    public static int getVarInt(byte[] src, int[] pos, int limit) {
        int result = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            int p = pos[0];
            if (p >= limit) {
                throw new CorruptionException("truncated varint at offset " + p);
            }
            int b = src[p] & 0xff;
            pos[0] = p + 1;
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptionException("varint longer than 5 bytes at offset " + pos[0]);
    }
}
