package io.sediment.engine;

/**
 * Per-write durability. {@link #defaults()} writes the WAL without fsync (a crash of the machine
 * may lose a suffix of recent writes, never reorder or half-apply them; a crash of the process
 * loses nothing). {@link #sync()} fsyncs the WAL before the write returns; concurrent synced
 * writers share one fsync (group commit).
 */
public record WriteOptions(boolean isSync) {
    private static final WriteOptions DEFAULTS = new WriteOptions(false);
    private static final WriteOptions SYNC = new WriteOptions(true);

    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    public static WriteOptions sync() {
        return SYNC;
    }
}
