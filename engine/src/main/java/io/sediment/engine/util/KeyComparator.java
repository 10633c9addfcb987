package io.sediment.engine.util;

import java.util.Comparator;

/**
 * A key order that can also compare a key lying inside a larger array with a whole key, so that
 * block searches compare stored keys in place instead of copying each one out first.
 */
public interface KeyComparator extends Comparator<byte[]> {
    /** Compares {@code a[aOffset, aOffset + aLength)} with all of {@code b}, in this order. */
    int compare(byte[] a, int aOffset, int aLength, byte[] b);

    @Override
    default int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b);
    }
}
