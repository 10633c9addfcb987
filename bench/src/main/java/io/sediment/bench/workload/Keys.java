package io.sediment.bench.workload;

/**
 * Turns key numbers into keys the way db_bench does: the decimal number, zero-padded on the left
 * to exactly {@code keySize} bytes of ASCII digits. Keys of consecutive numbers are therefore in
 * ascending byte order, and every engine orders them alike. Thread-safe (stateless).
 */
public final class Keys {
    private final int keySize;

    /** REQUIRES: {@code keySize} holds the largest number that will be formatted. */
    public Keys(int keySize) {
        if (keySize < 1) {
            throw new IllegalArgumentException("key size must be at least 1, was " + keySize);
        }
        this.keySize = keySize;
    }

    public int keySize() {
        return keySize;
    }

    /** The largest key number that fits in {@code keySize} digits (capped at Long.MAX_VALUE). */
    public long capacity() {
        return keySize >= 19 ? Long.MAX_VALUE : (long) Math.pow(10, keySize) - 1;
    }

    /** A new array holding the key of {@code number}. */
    public byte[] key(long number) {
        byte[] k = new byte[keySize];
        long n = number;
        for (int i = keySize - 1; i >= 0; i--) {
            k[i] = (byte) ('0' + (n % 10));
            n /= 10;
        }
        if (n != 0) {
            throw new IllegalArgumentException("key number " + number + " needs more than " + keySize + " digits");
        }
        return k;
    }
}
