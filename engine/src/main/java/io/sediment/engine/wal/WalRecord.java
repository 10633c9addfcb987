package io.sediment.engine.wal;

import io.sediment.engine.util.Bytes;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key-value mutation as the write-ahead log stores it: a put of {@code key -> value} or a
 * delete of {@code key}, stamped with the sequence number the engine gave it.
 *
 * <p>Guarantees: key and value are never {@code null}; a delete always has an empty value.
 * Equality, hash code and {@code toString} look at the bytes, not at array identity.
 *
 * <p>The arrays are not copied: a writer hands them over and must not change them afterwards.
 * Records delivered by {@link WalReader#replay} own fresh arrays. Immutable once built, so
 * thread-safe as long as nobody mutates the arrays.
 *
 * @param sequence the record's sequence number; within a batch the sequences are consecutive
 * @param isPut {@code true} for a put, {@code false} for a delete
 * @param key the user key (may be empty)
 * @param value the value of a put (may be empty); always empty for a delete
 */
public record WalRecord(long sequence, boolean isPut, byte[] key, byte[] value) {
    private static final byte[] EMPTY = new byte[0];

    public WalRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!isPut && value.length != 0) {
            throw new IllegalArgumentException(
                    "a delete record carries no value, got " + value.length + " bytes");
        }
    }

    /** A put of {@code key -> value} at {@code sequence}. */
    public static WalRecord put(long sequence, byte[] key, byte[] value) {
        return new WalRecord(sequence, true, key, value);
    }

    /** A delete of {@code key} at {@code sequence}. */
    public static WalRecord delete(long sequence, byte[] key) {
        return new WalRecord(sequence, false, key, EMPTY);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalRecord r && sequence == r.sequence && isPut == r.isPut
                && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, isPut, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return (isPut ? "Put[" : "Delete[") + sequence + ", key=" + Bytes.toHex(key)
                + (isPut ? ", value=" + Bytes.toHex(value) : "") + "]";
    }
}
