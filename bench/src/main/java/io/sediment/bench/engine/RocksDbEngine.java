package io.sediment.bench.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.LevelMetaData;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through rocksdbjni. Settings: the shared write buffer (up to 3 memtables, like
 * Sediment's one active plus two immutable), an LRU block cache, a full bloom filter, LZ4 on every
 * level, 2 background jobs (one flush, one compaction — Sediment's default on 2 cores); the rest
 * are RocksDB's defaults (leveled, L0 triggers 4/20/36, 256 MiB level base, dynamic level sizes).
 * As {@code rocksdb-universal} (settings' compaction style TIERED) it runs universal compaction
 * with RocksDB's default universal options.
 *
 * <p>Amplification, with Sediment's definitions, from RocksDB's statistics: write = (flush +
 * compaction bytes written) / user key+value bytes counted by this adapter; read = bloom "may
 * contain" answers per key read (each is a table probe); space = live SST bytes / bytes of the
 * deepest non-empty level.
 */
public final class RocksDbEngine implements Engine {
    private final String name;
    private final LongAdder userBytes = new LongAdder();
    private Options options;
    private Statistics statistics;
    private LRUCache cache;
    private BloomFilter filter;
    private WriteOptions plain;
    private WriteOptions synced;
    private RocksDB db;
    private EngineSettings settings;

    /** {@code name} is {@code rocksdb} or {@code rocksdb-universal}. */
    public RocksDbEngine(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(Path dir, EngineSettings s) throws IOException {
        RocksDB.loadLibrary();
        settings = s;
        statistics = new Statistics();
        cache = new LRUCache(s.blockCacheBytes());
        filter = new BloomFilter(s.bloomBitsPerKey(), false);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(filter)
                .setBlockSize(s.blockSize());
        options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(s.writeBufferBytes())
                .setMaxWriteBufferNumber(3)
                .setMaxBackgroundJobs(2)
                .setCompressionType(s.compression() ? CompressionType.LZ4_COMPRESSION : CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(table)
                .setStatistics(statistics)
                .setCompactionStyle(s.compactionStyle().equals("TIERED") ? CompactionStyle.UNIVERSAL : CompactionStyle.LEVEL);
        plain = new WriteOptions();
        synced = new WriteOptions().setSync(true);
        try {
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            throw new IOException("cannot open RocksDB in " + dir, e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value, boolean sync) {
        userBytes.add(key.length + value.length);
        try {
            db.put(sync ? synced : plain, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int n) {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < n; i++) {
                batch.put(keys[i], values[i]);
                userBytes.add(keys[i].length + values[i].length);
            }
            db.write(plain, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(byte[] key, boolean sync) {
        userBytes.add(key.length);
        try {
            db.delete(sync ? synced : plain, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public EngineCursor cursor() {
        RocksIterator it = db.newIterator();
        it.seekToFirst();
        return new EngineCursor() {
            @Override
            public void seek(byte[] target) {
                it.seek(target);
            }

            @Override
            public boolean valid() {
                return it.isValid();
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
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
            long deadline = System.currentTimeMillis() + timeoutMillis;
            long idleSince = -1;
            while (System.currentTimeMillis() < deadline) {
                long now = System.currentTimeMillis();
                boolean idle = db.getLongProperty("rocksdb.num-running-compactions") == 0
                        && db.getLongProperty("rocksdb.num-running-flushes") == 0;
                idleSince = idle ? (idleSince < 0 ? now : idleSince) : -1;
                // Universal compaction can report a compaction pending that it never picks: there,
                // two idle seconds count as settled too.
                boolean universal = options.compactionStyle() == CompactionStyle.UNIVERSAL;
                if (idle && (db.getLongProperty("rocksdb.compaction-pending") == 0
                        || universal && now - idleSince >= 2_000)) {
                    return;
                }
                Sleep.millis(50);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Amplification amplification() {
        long written = statistics.getTickerCount(TickerType.FLUSH_WRITE_BYTES)
                + statistics.getTickerCount(TickerType.COMPACT_WRITE_BYTES);
        long user = userBytes.sum();
        long keysRead = statistics.getTickerCount(TickerType.NUMBER_KEYS_READ);
        long probes = statistics.getTickerCount(TickerType.BLOOM_FILTER_FULL_POSITIVE);
        List<LevelMetaData> levels = db.getColumnFamilyMetaData().levels();
        long total = 0;
        long deepest = 0;
        for (LevelMetaData level : levels) {
            total += level.size();
            if (level.size() > 0) {
                deepest = level.size();
            }
        }
        return new Amplification(
                user == 0 ? Double.NaN : (double) written / user,
                keysRead == 0 ? Double.NaN : (double) probes / keysRead,
                deepest == 0 ? Double.NaN : (double) total / deepest);
    }

    @Override
    public String describe() {
        return name + " " + RocksDB.rocksdbVersion() + ": compactionStyle=" + options.compactionStyle()
                + " writeBufferSize=" + options.writeBufferSize()
                + " maxWriteBufferNumber=" + options.maxWriteBufferNumber() + " blockCache=" + settings.blockCacheBytes()
                + " (LRU) bloom=" + settings.bloomBitsPerKey() + " bits/key (full filter) blockSize="
                + settings.blockSize() + " compression=" + options.compressionType() + " maxBackgroundJobs="
                + options.maxBackgroundJobs() + " dynamicLevelBytes=" + options.levelCompactionDynamicLevelBytes();
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {plain, synced, options, filter, cache, statistics}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
