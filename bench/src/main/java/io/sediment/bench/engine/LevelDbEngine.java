package io.sediment.bench.engine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.DbImpl;
import org.iq80.leveldb.impl.Iq80DBFactory;
import org.iq80.leveldb.impl.VersionSet;

/**
 * LevelDB's pure-Java port (iq80 0.12). Settings: the shared write buffer, block cache and block
 * size; Snappy compression (iq80's only codec; LZ4 is not offered); no bloom filter (iq80 0.12 has
 * no filter policy), which is a real handicap on point reads of missing keys and on deep trees.
 *
 * <p>iq80 exposes no properties or statistics ({@code getProperty} returns null), so this adapter
 * reads the engine's {@code VersionSet} reflectively for the per-level byte counts (space
 * amplification) and to tell when compaction is idle; write and read amplification stay unknown.
 */
public final class LevelDbEngine implements Engine {
    private static final int LEVELS = 7;
    private static final WriteOptions PLAIN = new WriteOptions();
    private static final WriteOptions SYNCED = new WriteOptions().sync(true);
    private DB db;
    private VersionSet versions;
    private Options options;

    @Override
    public String name() {
        return "leveldb";
    }

    @Override
    public void open(Path dir, EngineSettings s) throws IOException {
        options = new Options()
                .createIfMissing(true)
                .writeBufferSize((int) Math.min(Integer.MAX_VALUE, s.writeBufferBytes()))
                .cacheSize(s.blockCacheBytes())
                .blockSize(s.blockSize())
                .compressionType(s.compression() ? CompressionType.SNAPPY : CompressionType.NONE);
        db = Iq80DBFactory.factory.open(dir.toFile(), options);
        versions = versionSetOf(db);
    }

    private static VersionSet versionSetOf(DB db) {
        try {
            Field f = DbImpl.class.getDeclaredField("versions");
            f.setAccessible(true);
            return (VersionSet) f.get(db);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void put(byte[] key, byte[] value, boolean sync) {
        db.put(key, value, sync ? SYNCED : PLAIN);
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int n) {
        try (WriteBatch batch = db.createWriteBatch()) {
            for (int i = 0; i < n; i++) {
                batch.put(keys[i], values[i]);
            }
            db.write(batch, PLAIN);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return db.get(key);
    }

    @Override
    public void delete(byte[] key, boolean sync) {
        db.delete(key, sync ? SYNCED : PLAIN);
    }

    @Override
    public EngineCursor cursor() {
        DBIterator it = db.iterator();
        it.seekToFirst();
        return new EngineCursor() {
            private Map.Entry<byte[], byte[]> current = it.hasNext() ? it.peekNext() : null;

            @Override
            public void seek(byte[] target) {
                it.seek(target);
                current = it.hasNext() ? it.peekNext() : null;
            }

            @Override
            public boolean valid() {
                return current != null;
            }

            @Override
            public void next() {
                it.next();
                current = it.hasNext() ? it.peekNext() : null;
            }

            @Override
            public byte[] key() {
                return current.getKey();
            }

            @Override
            public byte[] value() {
                return current.getValue();
            }

            @Override
            public void close() {
                try {
                    it.close();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @Override
    public void settle(long timeoutMillis) {
        if (db instanceof DbImpl impl) {
            impl.flushMemTable();
        }
        if (versions == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && versions.needsCompaction()) {
            Sleep.millis(50);
        }
    }

    @Override
    public Amplification amplification() {
        if (versions == null) {
            return Amplification.UNKNOWN;
        }
        long total = 0;
        long deepest = 0;
        for (int level = 0; level < LEVELS; level++) {
            long bytes = versions.numberOfBytesInLevel(level);
            total += bytes;
            if (bytes > 0) {
                deepest = bytes;
            }
        }
        return new Amplification(Double.NaN, Double.NaN, deepest == 0 ? Double.NaN : (double) total / deepest);
    }

    @Override
    public String describe() {
        return "leveldb (iq80 0.12): writeBufferSize=" + options.writeBufferSize() + " cacheSize=" + options.cacheSize()
                + " blockSize=" + options.blockSize() + " compression=" + options.compressionType()
                + " (no bloom filter in iq80)";
    }

    @Override
    public void close() throws IOException {
        if (db != null) {
            db.close();
        }
    }
}
