package io.sediment.bench.engine;

/**
 * A forward cursor over an engine's keys in unsigned byte order, the one iteration shape the
 * workloads need (readseq, seekrandom, YCSB scans). Not thread-safe: one thread uses it, then
 * closes it. Arrays returned by {@link #key()} and {@link #value()} belong to the caller.
 */
public interface EngineCursor extends AutoCloseable {

    /** Positions at the first key {@code >= target}. */
    void seek(byte[] target);

    /** Whether the cursor is at an entry. */
    boolean valid();

    /** Moves to the next entry; REQUIRES {@link #valid()}. */
    void next();

    /** The current key; REQUIRES {@link #valid()}. */
    byte[] key();

    /** The current value; REQUIRES {@link #valid()}. */
    byte[] value();

    @Override
    void close();
}
