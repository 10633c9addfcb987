package io.sediment.engine.version;

import io.sediment.engine.key.InternalKey;

/**
 * What the manifest records about one live SSTable: its number (the file is {@code NNNNNN.sst}),
 * size, entry count, the smallest and largest internal keys it holds and the range of sequence
 * numbers in it. Immutable; shared by every {@link Version} that contains the file.
 */
public record FileMetaData(long number, long size, long entries, byte[] smallest, byte[] largest,
                           long smallestSequence, long largestSequence) {

    /** True if the user-key range of this file intersects {@code [start, end]} (nulls unbounded). */
    public boolean overlapsUserRange(byte[] startUserKey, byte[] endUserKey) {
        if (startUserKey != null && InternalKey.compareUserKey(largest, startUserKey) < 0) {
            return false;
        }
        return endUserKey == null || InternalKey.compareUserKey(smallest, endUserKey) <= 0;
    }

    public byte[] smallestUserKey() {
        return InternalKey.userKey(smallest);
    }

    public byte[] largestUserKey() {
        return InternalKey.userKey(largest);
    }

    @Override
    public String toString() {
        return "#" + number + "[" + InternalKey.toString(smallest) + " .. " + InternalKey.toString(largest)
                + "] " + size + "B";
    }
}
