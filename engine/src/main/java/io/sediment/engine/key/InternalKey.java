package io.sediment.engine.key;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.KeyComparator;
import java.util.Arrays;

/**
 * Internal keys: the user key followed by an 8-byte trailer {@code (sequence << 8) | kind}, stored
 * little endian. Every write gets a fresh sequence number, so one user key can have many versions;
 * snapshots and tombstones work by reading the trailer.
 *
 * <p>Order ({@link #COMPARATOR}): user key ascending in unsigned byte order, then sequence
 * descending, then kind descending, so the newest version of a key comes first and a seek to
 * {@code (key, s, PUT)} lands on the newest version visible at sequence {@code s}.
 */
public final class InternalKey {
    /** Size of the trailer appended to every user key. */
    public static final int TRAILER = 8;
    /** Largest usable sequence number (56 bits). */
    public static final long MAX_SEQUENCE = (1L << 56) - 1;
    /** Kind of a deletion marker (tombstone). Persistent id: DO NOT CHANGE. */
    public static final int KIND_DELETE = 0;
    /** Kind of a value. Persistent id: DO NOT CHANGE. */
    public static final int KIND_PUT = 1;

    public static final KeyComparator COMPARATOR = new KeyComparator() {
        @Override
        public int compare(byte[] a, int aOffset, int aLength, byte[] b) {
            return InternalKey.compare(a, aOffset, aLength, b);
        }

        /** The user key: the order compares user keys first. */
        @Override
        public int byteOrderedLength(int keyLength) {
            return Math.max(0, keyLength - TRAILER);
        }
    };

    private InternalKey() {
    }

    public static byte[] encode(byte[] userKey, long sequence, int kind) {
        byte[] k = Arrays.copyOf(userKey, userKey.length + TRAILER);
        Bytes.putLong(k, userKey.length, trailer(sequence, kind));
        return k;
    }

    /** The trailer of a version: {@code (sequence << 8) | kind}. */
    public static long trailer(long sequence, int kind) {
        return (sequence << 8) | kind;
    }

    /** The kind held in {@code trailer}. */
    public static int kindOf(long trailer) {
        return (int) (trailer & 0xff);
    }

    /** The key that seeks to the newest version of {@code userKey} visible at {@code sequence}. */
    public static byte[] lookupKey(byte[] userKey, long sequence) {
        return encode(userKey, sequence, KIND_PUT);
    }

    public static int userKeyLength(byte[] internalKey) {
        return internalKey.length - TRAILER;
    }

    public static byte[] userKey(byte[] internalKey) {
        return Arrays.copyOf(internalKey, internalKey.length - TRAILER);
    }

    public static long trailer(byte[] internalKey) {
        return Bytes.getLong(internalKey, internalKey.length - TRAILER);
    }

    public static long sequence(byte[] internalKey) {
        return trailer(internalKey) >>> 8;
    }

    public static int kind(byte[] internalKey) {
        return kindOf(trailer(internalKey));
    }

    /** Compares the user-key parts of two internal keys. */
    public static int compareUserKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, a.length - TRAILER, b, 0, b.length - TRAILER);
    }

    /** Compares the user-key part of an internal key with a plain user key. */
    public static int compareUserKey(byte[] internalKey, byte[] userKey) {
        return Arrays.compareUnsigned(internalKey, 0, internalKey.length - TRAILER, userKey, 0, userKey.length);
    }

    public static int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b);
    }

    /** Compares the internal key {@code a[aOffset, aOffset + aLength)} with the internal key {@code b}. */
    public static int compare(byte[] a, int aOffset, int aLength, byte[] b) {
        int c = Arrays.compareUnsigned(a, aOffset, aOffset + aLength - TRAILER, b, 0, b.length - TRAILER);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(trailer(b), Bytes.getLong(a, aOffset + aLength - TRAILER));
    }

    public static String toString(byte[] internalKey) {
        if (internalKey == null || internalKey.length < TRAILER) {
            return Bytes.toHex(internalKey);
        }
        return Bytes.toHex(userKey(internalKey)) + "@" + sequence(internalKey)
                + (kind(internalKey) == KIND_DELETE ? ":DEL" : ":PUT");
    }
}
