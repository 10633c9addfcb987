package io.sediment.bench.engine;

import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore used directly as an ordered map of {@code byte[]} (unsigned order), no SQL.
 * MVStore is a copy-on-write B-tree in an append-only file, not an LSM tree: it has no WAL (a
 * background thread commits changes to the file about once a second, or when the auto-commit
 * buffer fills) and no bloom filter. Settings: page cache = the shared block cache size, auto-commit
 * buffer = the shared write buffer size, LZF page compression when compression is on. A synced
 * write is {@code commit()} followed by {@code sync()} (fsync). Amplification is not reported.
 */
public final class H2Engine implements Engine {
    private MVStore store;
    private MVMap<byte[], byte[]> map;
    private EngineSettings settings;

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public void open(Path dir, EngineSettings s) {
        settings = s;
        MVStore.Builder builder = new MVStore.Builder()
                .fileName(dir.resolve("bench.mv.db").toString())
                .cacheSize((int) Math.max(1, s.blockCacheBytes() >> 20))
                .autoCommitBufferSize((int) Math.max(1, s.writeBufferBytes() >> 10));
        if (s.compression()) {
            builder.compress();
        }
        store = builder.open();
        map = store.openMap("bench", new MVMap.Builder<byte[], byte[]>()
                .keyType(UnsignedBytesKeyType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    @Override
    public void put(byte[] key, byte[] value, boolean sync) {
        map.put(key, value);
        if (sync) {
            store.commit();
            store.sync();
        }
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int n) {
        for (int i = 0; i < n; i++) {
            map.put(keys[i], values[i]);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void delete(byte[] key, boolean sync) {
        map.remove(key);
        if (sync) {
            store.commit();
            store.sync();
        }
    }

    @Override
    public EngineCursor cursor() {
        return new EngineCursor() {
            private Cursor<byte[], byte[]> cursor = map.cursor(null);
            private byte[] key;
            private byte[] value;

            {
                advance();
            }

            private void advance() {
                if (cursor.hasNext()) {
                    key = cursor.next();
                    value = cursor.getValue();
                } else {
                    key = null;
                    value = null;
                }
            }

            @Override
            public void seek(byte[] target) {
                cursor = map.cursor(target);
                advance();
            }

            @Override
            public boolean valid() {
                return key != null;
            }

            @Override
            public void next() {
                advance();
            }

            @Override
            public byte[] key() {
                return key;
            }

            @Override
            public byte[] value() {
                return value;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void settle(long timeoutMillis) {
        store.commit();
    }

    @Override
    public Amplification amplification() {
        return Amplification.UNKNOWN;
    }

    @Override
    public String describe() {
        return "h2 MVStore " + org.h2.engine.Constants.VERSION + ": cacheSize=" + (settings.blockCacheBytes() >> 20)
                + " MiB autoCommitBufferSize=" + (settings.writeBufferBytes() >> 10) + " KiB compression="
                + (settings.compression() ? "LZF" : "none") + " (B-tree, no WAL, no bloom filter)";
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
