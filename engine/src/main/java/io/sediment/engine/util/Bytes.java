package io.sediment.engine.util;

import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers for byte arrays: unsigned comparison, fixed-width little-endian coding, printing. */
public final class Bytes {
    /** Lexicographic unsigned byte order: the order of user keys. */
    public static final KeyComparator UNSIGNED = new KeyComparator() {
        @Override
        public int compare(byte[] a, int offset, int length, byte[] b) {
            return Arrays.compareUnsigned(a, offset, offset + length, b, 0, b.length);
        }

        @Override
        public int byteOrderedLength(int keyLength) {
            return keyLength;
        }
    };

    private Bytes() {
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static void putInt(byte[] dst, int off, int v) {
        dst[off] = (byte) v;
        dst[off + 1] = (byte) (v >>> 8);
        dst[off + 2] = (byte) (v >>> 16);
        dst[off + 3] = (byte) (v >>> 24);
    }

    public static int getInt(byte[] src, int off) {
        return (src[off] & 0xff) | (src[off + 1] & 0xff) << 8 | (src[off + 2] & 0xff) << 16
                | (src[off + 3] & 0xff) << 24;
    }

    public static void putLong(byte[] dst, int off, long v) {
        putInt(dst, off, (int) v);
        putInt(dst, off + 4, (int) (v >>> 32));
    }

    public static long getLong(byte[] src, int off) {
        return (getInt(src, off) & 0xffffffffL) | ((long) getInt(src, off + 4) << 32);
    }

    /** Printable form of a key for error messages and toString: hex, shortened past 64 bytes. */
    public static String toHex(byte[] b) {
        if (b == null) {
            return "null";
        }
        if (b.length <= 64) {
            return HexFormat.of().formatHex(b);
        }
        return HexFormat.of().formatHex(b, 0, 64) + "...(" + b.length + " bytes)";
    }
}
