package io.sediment.bench.engine;

import io.sediment.engine.CompactionStyle;
import io.sediment.engine.Db;
import io.sediment.engine.DbIterator;
import io.sediment.engine.Metrics;
import io.sediment.engine.Options;
import io.sediment.engine.WriteBatch;
import io.sediment.engine.WriteOptions;
import java.nio.file.Path;

/**
 * Sediment through its public API ({@link Db}). Options: the shared write buffer, block cache,
 * bloom bits, block size and LZ4 compression; everything else stays at {@link Options#defaults()}
 * (so the numbers show what a user gets out of the box). The compaction style comes from
 * {@link EngineSettings#compactionStyle()}: the {@code sediment-tiered} engine name selects TIERED.
 * Amplification comes straight from {@link Db#metrics()}.
 */
public final class SedimentEngine implements Engine {
    private final String name;
    private Db db;
    private Options options;

    /** {@code name} is {@code sediment} or {@code sediment-tiered}. */
    public SedimentEngine(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(Path dir, EngineSettings s) {
        options = Options.defaults()
                .writeBufferSize(s.writeBufferBytes())
                .blockCacheBytes(s.blockCacheBytes())
                .bloomBitsPerKey(s.bloomBitsPerKey())
                .blockSize(s.blockSize())
                .compression(s.compression())
                .compactionStyle(CompactionStyle.valueOf(s.compactionStyle()));
        db = Db.open(dir, options);
    }

    /** The open database, for the compaction timeline sampler. */
    public Db db() {
        return db;
    }

    @Override
    public void put(byte[] key, byte[] value, boolean sync) {
        db.put(key, value, sync ? WriteOptions.sync() : WriteOptions.defaults());
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int n) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < n; i++) {
            batch.put(keys[i], values[i]);
        }
        db.write(batch, WriteOptions.defaults());
    }

    @Override
    public byte[] get(byte[] key) {
        return db.get(key);
    }

    @Override
    public void delete(byte[] key, boolean sync) {
        db.delete(key, sync ? WriteOptions.sync() : WriteOptions.defaults());
    }

    @Override
    public EngineCursor cursor() {
        DbIterator it = db.range(null, null);
        return new EngineCursor() {
            @Override
            public void seek(byte[] target) {
                it.seek(target);
            }

            @Override
            public boolean valid() {
                return it.valid();
            }

            @Override
            public void next() {
                it.next();
            }

            @Override
            public byte[] key() {
                return it.key();
            }

            @Override
            public byte[] value() {
                return it.value();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public void settle(long timeoutMillis) {
        db.flush();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Metrics m = db.metrics();
            if (m.runningCompactions() == 0 && m.pendingCompactionBytes() == 0 && m.immutableMemtables() == 0) {
                return;
            }
            Sleep.millis(50);
        }
    }

    @Override
    public Amplification amplification() {
        Metrics m = db.metrics();
        // No lookups yet: read amplification is undefined (Metrics reports 0), as for the other engines.
        return new Amplification(m.writeAmplification(), m.gets() == 0 ? Double.NaN : m.readAmplification(),
                m.spaceAmplification());
    }

    @Override
    public String describe() {
        return name + ": Options.defaults() with writeBufferSize=" + options.writeBufferSize()
                + " blockCacheBytes=" + options.blockCacheBytes() + " bloomBitsPerKey=" + options.bloomBitsPerKey()
                + " blockSize=" + options.blockSize() + " compression=" + (options.compression() ? "LZ4" : "none")
                + " compactionStyle=" + options.compactionStyle() + " compactionThreads="
                + options.compactionThreads();
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
        }
    }
}
