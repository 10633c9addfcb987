package io.sediment.engine.util;

import java.util.Comparator;

/**
 * A key order that can also compare a key lying inside a larger array with a whole key, so that
 * block searches compare stored keys in place instead of copying each one out first, and that
 * can say which leading bytes it orders as plain bytes ({@link #byteOrderedLength}).
 */
public interface KeyComparator extends Comparator<byte[]> {
    /** Compares {@code a[aOffset, aOffset + aLength)} with all of {@code b}, in this order. */
    int compare(byte[] a, int aOffset, int aLength, byte[] b);

    /**
     * How many leading bytes of a key of {@code keyLength} bytes this order compares first, as
     * unsigned byte strings ({@link java.util.Arrays#compareUnsigned}, shorter first when one is a
     * prefix of the other), looking at the rest only when those parts are equal. A search may
     * then decide most comparisons on a few of those bytes. The default, 0, claims nothing.
     */
    default int byteOrderedLength(int keyLength) {
        return 0;
    }

    @Override
    default int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b);
    }
}
