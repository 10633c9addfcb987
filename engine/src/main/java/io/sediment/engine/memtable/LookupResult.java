package io.sediment.engine.memtable;

/**
 * Outcome of a point lookup in one layer of the tree: the key's newest visible version is a value
 * ({@link #found}) or a tombstone ({@link #DELETED}). "Not in this layer" is {@code null}, so the
 * caller keeps looking in older layers.
 */
public record LookupResult(byte[] value) {
    public static final LookupResult DELETED = new LookupResult(null);

    public static LookupResult found(byte[] value) {
        return new LookupResult(value);
    }

    public boolean isDeleted() {
        return value == null;
    }
}
