package io.sediment.engine.util;

/**
 * The one iterator contract every layer implements: block, table, memtable, level, merging
 * and the public database iterator all compose through it.
 *
 * <ul>
 *   <li><b>Ordering.</b> Entries come in ascending order of the comparator of the structure that
 *       produced them (unsigned byte order for user keys; internal-key order for engine layers).</li>
 *   <li><b>Positioning.</b> A new iterator is not positioned: call {@link #seekToFirst()} or
 *       {@link #seek(byte[])} first. {@code seek(t)} moves to the first entry whose key is
 *       {@code >= t}. After {@link #next()} past the last entry, {@link #valid()} is false.</li>
 *   <li><b>Access.</b> {@link #key()} and {@link #value()} may be called only while {@link #valid()};
 *       the returned arrays belong to the caller (implementations never reuse or mutate them
 *       afterwards), so they may be kept.</li>
 *   <li><b>Bounds.</b> Iterators at this level are unbounded; range bounds are enforced by the
 *       database iterator on top.</li>
 *   <li><b>Lifetime.</b> {@link #close()} releases what the iterator pins (files, snapshots); it is
 *       idempotent. Not thread-safe: one iterator, one thread.</li>
 * </ul>
 */
public interface SeekingIterator extends AutoCloseable {
    boolean valid();

    void seekToFirst();

    void seek(byte[] target);

    void next();

    byte[] key();

    byte[] value();

    @Override
    default void close() {
    }
}
