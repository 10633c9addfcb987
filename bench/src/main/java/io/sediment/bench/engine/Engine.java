package io.sediment.bench.engine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One storage engine as the benchmark drives it: an ordered byte-array key-value store. An
 * adapter maps these calls onto the engine's own API with the settings of {@link EngineSettings},
 * so that every engine runs the same workload code.
 *
 * <p>Contract: {@link #open} is called once, before anything else; the data methods are called from
 * several threads at once and must be thread-safe (every engine here is); arrays passed in are
 * fresh for each call and never reused by the caller, so an engine may keep them; {@link #close}
 * is called once, after every other call has returned.
 */
public interface Engine extends AutoCloseable {

    /** The name used on the command line and in the result tables, e.g. {@code rocksdb}. */
    String name();

    /** Opens (creating) a database in an empty directory. */
    void open(Path dir, EngineSettings settings) throws IOException;

    /** Writes one key; with {@code sync} the write is durable (fsynced) before this returns. */
    void put(byte[] key, byte[] value, boolean sync);

    /** Writes {@code n} pairs as one atomic batch without fsync (used to load data quickly). */
    void putBatch(byte[][] keys, byte[][] values, int n);

    /** The value of {@code key}, or {@code null}. */
    byte[] get(byte[] key);

    /** Deletes one key. */
    void delete(byte[] key, boolean sync);

    /** A cursor over the whole key space, positioned at the first key. */
    EngineCursor cursor();

    /**
     * Persists what sits in memory (memtable flush, or a commit) and waits, up to {@code timeoutMillis},
     * until background compactions are idle, where the engine lets us see that. Not timed.
     */
    void settle(long timeoutMillis);

    /** Write, read and space amplification as the engine reports them; unknown values are NaN. */
    Amplification amplification();

    /** One line describing the settings actually applied (for the report). */
    String describe();

    @Override
    void close() throws IOException;
}
