package io.sediment.engine.sstable;

import static io.sediment.engine.sstable.TableFixtures.assertTableEquals;
import static io.sediment.engine.sstable.TableFixtures.build;
import static io.sediment.engine.sstable.TableFixtures.key;
import static io.sediment.engine.sstable.TableFixtures.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.StorageException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.SeekingIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TableTest {
    @TempDir
    Path dir;

    static Stream<TableOptions> optionSets() {
        TableOptions d = TableOptions.defaults();
        return Stream.of(
                d,
                d.withBlockSize(64).withRestartInterval(1),
                d.withBlockSize(64).withRestartInterval(16).withCompression(Compression.NONE),
                d.withBlockSize(256).withRestartInterval(3).withBloomBitsPerKey(0),
                d.withBlockSize(1).withRestartInterval(1).withCompression(Compression.NONE).withBloomBitsPerKey(0),
                d.withBlockSize(65536).withRestartInterval(128).withBloomBitsPerKey(20));
    }

    @ParameterizedTest
    @MethodSource("optionSets")
    void randomTablesMatchTheirModel(TableOptions options) throws Exception {
        for (int seed = 0; seed < 3; seed++) {
            NavigableMap<byte[], byte[]> model = TableFixtures.randomModel(new Random(seed), 1 + seed * 700);
            Path file = dir.resolve("t" + seed + ".sst");
            TableSummary summary = build(file, options, model);
            assertEquals(model.size(), summary.entryCount());
            assertEquals(Files.size(file), summary.fileSize());
            assertArrayEquals(model.firstKey(), summary.smallestKey());
            assertArrayEquals(model.lastKey(), summary.largestKey());
            try (TableReader reader = open(file, new BlockCache(1 << 20))) {
                assertEquals(summary.fileSize(), reader.fileSize());
                assertEquals(options.bloomBitsPerKey() > 0, reader.hasFilter());
                assertTableEquals(model, reader);
            }
        }
    }

    @Test
    void singleEntryTable() {
        NavigableMap<byte[], byte[]> model = TableFixtures.newModel();
        model.put(new byte[] {7}, new byte[0]);
        Path file = dir.resolve("one.sst");
        TableSummary summary = build(file, TableOptions.defaults(), model);
        assertEquals(1, summary.dataBlockCount());
        try (TableReader reader = open(file, new BlockCache(0))) {
            assertTableEquals(model, reader);
            assertNull(reader.find(new byte[] {8}));
            assertArrayEquals(new byte[] {7}, reader.find(new byte[0]).key());
        }
    }

    @Test
    void emptyTable() {
        Path file = dir.resolve("empty.sst");
        TableSummary summary = build(file, TableOptions.defaults(), TableFixtures.newModel());
        assertEquals(0, summary.entryCount());
        assertNull(summary.smallestKey());
        try (TableReader reader = open(file, new BlockCache(0))) {
            SeekingIterator it = reader.iterator();
            it.seekToFirst();
            assertFalse(it.valid());
            it.seek(new byte[0]);
            assertFalse(it.valid());
            assertNull(reader.find(new byte[0]));
            assertFalse(reader.mayContain(new byte[] {1}));
        }
    }

    @Test
    void keysMustStrictlyIncrease() {
        Path file = dir.resolve("order.sst");
        try (TableBuilder builder = new TableBuilder(file, TableOptions.defaults(), Bytes.UNSIGNED, k -> k)) {
            builder.add(key(2), new byte[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add(key(1), new byte[0]));
            assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> builder.add(key(2), new byte[0]));
            builder.add(key(3), new byte[0]); // the builder is still usable
            assertEquals(2, builder.finish().entryCount());
            assertThrows(IllegalStateException.class, () -> builder.add(key(4), new byte[0]));
        }
        assertTrue(Files.exists(file), "close after finish keeps the table");
    }

    @Test
    void abandonAndUnfinishedCloseDeleteTheFile() {
        Path file = dir.resolve("abandoned.sst");
        TableBuilder builder = new TableBuilder(file, TableOptions.defaults(), Bytes.UNSIGNED, k -> k);
        builder.add(key(1), new byte[100]);
        builder.abandon();
        assertFalse(Files.exists(file));
        builder.abandon(); // idempotent
        try (TableBuilder b = new TableBuilder(file, TableOptions.defaults(), Bytes.UNSIGNED, k -> k)) {
            b.add(key(1), new byte[100]);
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void lz4IsUsedForCompressibleDataAndSkippedForRandomData() throws Exception {
        NavigableMap<byte[], byte[]> text = TableFixtures.newModel();
        NavigableMap<byte[], byte[]> random = TableFixtures.newModel();
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] v = new byte[100];
            Arrays.fill(v, (byte) ('a' + i % 3));
            text.put(key(i), v);
            byte[] r = new byte[100];
            rnd.nextBytes(r);
            random.put(key(i), r);
        }
        TableOptions lz4 = TableOptions.defaults().withBloomBitsPerKey(0);
        TableOptions none = lz4.withCompression(Compression.NONE);
        long textLz4 = build(dir.resolve("a.sst"), lz4, text).fileSize();
        long textRaw = build(dir.resolve("b.sst"), none, text).fileSize();
        long randomLz4 = build(dir.resolve("c.sst"), lz4, random).fileSize();
        long randomRaw = build(dir.resolve("d.sst"), none, random).fileSize();
        assertTrue(textLz4 < textRaw / 4, "compressible: " + textLz4 + " vs " + textRaw);
        // Random values do not compress: data blocks are stored raw (only the index may shrink).
        assertTrue(randomLz4 > randomRaw * 0.98 && randomLz4 <= randomRaw, "random: " + randomLz4 + " vs " + randomRaw);
        try (TableReader reader = open(dir.resolve("a.sst"), new BlockCache(0))) {
            assertTableEquals(text, reader);
        }
    }

    @Test
    void filterIsOnTheMappedKey() {
        NavigableMap<byte[], byte[]> model = TableFixtures.newModel();
        for (int i = 0; i < 500; i++) {
            byte[] k = Arrays.copyOf(key(i), key(i).length + 8); // user key + 8-byte suffix
            model.put(k, new byte[] {1});
        }
        Path file = dir.resolve("filtered.sst");
        build(file, TableOptions.defaults(), model, k -> Arrays.copyOf(k, k.length - 8));
        try (TableReader reader = open(file, new BlockCache(0))) {
            int falsePositives = 0;
            for (int i = 0; i < 500; i++) {
                assertTrue(reader.mayContain(key(i)));
                if (reader.mayContain(key(i + 1000))) {
                    falsePositives++;
                }
            }
            assertTrue(falsePositives < 25, "false positives: " + falsePositives);
        }
    }

    @Test
    void findReadsOneBlockAndTheCacheServesRepeats() {
        NavigableMap<byte[], byte[]> model = TableFixtures.newModel();
        for (int i = 0; i < 5000; i++) {
            model.put(key(i), new byte[50]);
        }
        Path file = dir.resolve("cache.sst");
        TableSummary summary = build(file, TableOptions.defaults().withCompression(Compression.NONE), model);
        assertTrue(summary.dataBlockCount() > 50);

        try (TableReader uncached = open(file, new BlockCache(0))) {
            for (int i = 0; i < 100; i++) {
                long before = uncached.blocksRead();
                uncached.find(key(i * 37));
                assertEquals(before + 1, uncached.blocksRead(), "a find touches exactly one data block");
            }
        }

        BlockCache cache = new BlockCache(64L << 20);
        try (TableReader reader = open(file, cache)) {
            TableFixtures.scan(reader.iterator());
            assertEquals(summary.dataBlockCount(), reader.blocksRead());
            assertEquals(summary.dataBlockCount(), cache.misses());
            TableFixtures.scan(reader.iterator());
            reader.find(key(4321));
            assertEquals(summary.dataBlockCount(), reader.blocksRead(), "second pass served by the cache");
            assertEquals(summary.dataBlockCount() + 1, cache.hits());
            assertTrue(cache.usedBytes() > 0);
            cache.evictAll(7);
            reader.find(key(4321));
            assertEquals(summary.dataBlockCount() + 1, reader.blocksRead());
        }
    }

    @Test
    void smallCacheStaysWithinItsCapacity() {
        NavigableMap<byte[], byte[]> model = TableFixtures.newModel();
        for (int i = 0; i < 5000; i++) {
            model.put(key(i), new byte[50]);
        }
        Path file = dir.resolve("small-cache.sst");
        build(file, TableOptions.defaults(), model);
        BlockCache cache = new BlockCache(16 * 1024);
        try (TableReader reader = open(file, cache)) {
            assertTableEquals(model, reader);
            assertTrue(cache.usedBytes() <= 16 * 1024, "used " + cache.usedBytes());
        }
    }

    @Test
    void concurrentReadersAgree() throws Exception {
        NavigableMap<byte[], byte[]> model = TableFixtures.randomModel(new Random(9), 3000);
        Path file = dir.resolve("concurrent.sst");
        build(file, TableOptions.defaults().withBlockSize(512), model);
        List<byte[]> keys = new ArrayList<>(model.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (TableReader reader = open(file, new BlockCache(256 * 1024))) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < 5000; i++) {
                        byte[] k = keys.get(rnd.nextInt(keys.size()));
                        assertArrayEquals(model.get(k), reader.find(k).value());
                    }
                    assertEquals(model.size(), TableFixtures.scan(reader.iterator()).size());
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anInterruptedReadFailsOnlyThatReadAndTheTableStaysUsable() {
        NavigableMap<byte[], byte[]> model = TableFixtures.newModel();
        for (int i = 0; i < 1000; i++) {
            model.put(key(i), new byte[20]);
        }
        Path file = dir.resolve("interrupt.sst");
        build(file, TableOptions.defaults(), model);
        TableReader reader = open(file, new BlockCache(0));
        try {
            Thread.currentThread().interrupt(); // the JDK closes a FileChannel read by an interrupted thread
            assertThrows(StorageException.class, () -> reader.find(key(5)));
            assertTrue(Thread.interrupted(), "the interrupt stays visible to its thread");
            assertArrayEquals(key(6), reader.find(key(6)).key());
        } finally {
            reader.close();
        }
        StorageException e = assertThrows(StorageException.class, () -> reader.find(key(7)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void optionsAreValidated() {
        TableOptions d = TableOptions.defaults();
        assertEquals(new TableOptions(4096, 16, 10, Compression.LZ4), d);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withBlockSize(0));
        assertTrue(e.getMessage().contains("blockSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withRestartInterval(0));
        assertThrows(IllegalArgumentException.class, () -> d.withBloomBitsPerKey(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withCompression(null));
    }
}
