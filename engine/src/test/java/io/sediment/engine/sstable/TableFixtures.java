package io.sediment.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.SeekingIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Shared test helpers: models, table building, and checking a table against its model. */
final class TableFixtures {
    private TableFixtures() {
    }

    static NavigableMap<byte[], byte[]> newModel() {
        return new TreeMap<>(Bytes.UNSIGNED);
    }

    /**
     * A model of {@code n} entries mixing the shapes that stress a block: shared prefixes of every
     * length, empty and long keys and values, keys that are prefixes of other keys.
     */
    static NavigableMap<byte[], byte[]> randomModel(Random rnd, int n) {
        NavigableMap<byte[], byte[]> model = newModel();
        byte[][] prefixes = {new byte[0], "user:".getBytes(), "user:000123:".getBytes(), new byte[40]};
        while (model.size() < n) {
            byte[] prefix = prefixes[rnd.nextInt(prefixes.length)];
            int suffixLength = switch (rnd.nextInt(10)) {
                case 0 -> 0;
                case 1 -> 200 + rnd.nextInt(400);
                default -> 1 + rnd.nextInt(12);
            };
            byte[] key = Arrays.copyOf(prefix, prefix.length + suffixLength);
            for (int i = prefix.length; i < key.length; i++) {
                key[i] = (byte) (rnd.nextBoolean() ? 'a' + rnd.nextInt(3) : rnd.nextInt(256));
            }
            int valueLength = switch (rnd.nextInt(8)) {
                case 0 -> 0;
                case 1 -> 1000 + rnd.nextInt(3000);
                default -> rnd.nextInt(40);
            };
            byte[] value = new byte[valueLength];
            rnd.nextBytes(value);
            model.put(key, value);
        }
        return model;
    }

    static TableSummary build(Path file, TableOptions options, Map<byte[], byte[]> model) {
        return build(file, options, model, UnaryOperator.identity());
    }

    static TableSummary build(Path file, TableOptions options, Map<byte[], byte[]> model, UnaryOperator<byte[]> filterKey) {
        try (TableBuilder builder = new TableBuilder(file, options, Bytes.UNSIGNED, filterKey)) {
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                builder.add(e.getKey(), e.getValue());
            }
            return builder.finish();
        }
    }

    static TableReader open(Path file, BlockCache cache) {
        return TableReader.open(file, 7, Bytes.UNSIGNED, cache);
    }

    /** Every entry in order, read with a fresh iterator from the first. */
    static List<Map.Entry<byte[], byte[]>> scan(SeekingIterator it) {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        for (it.seekToFirst(); it.valid(); it.next()) {
            out.add(Map.entry(it.key(), it.value()));
        }
        return out;
    }

    /** Asserts that {@code reader} holds exactly {@code model}, by scan, seeks and finds. */
    static void assertTableEquals(NavigableMap<byte[], byte[]> model, TableReader reader) {
        assertEquals(model.size(), reader.entryCount());
        List<Map.Entry<byte[], byte[]>> actual = scan(reader.iterator());
        assertEquals(model.size(), actual.size(), "entry count by scan");
        int i = 0;
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            assertArrayEquals(e.getKey(), actual.get(i).getKey(), "key " + i);
            assertArrayEquals(e.getValue(), actual.get(i).getValue(), "value " + i);
            i++;
        }
        SeekingIterator it = reader.iterator();
        for (byte[] key : model.keySet()) {
            it.seek(key);
            assertTrue(it.valid());
            assertArrayEquals(key, it.key());
            assertArrayEquals(model.get(key), it.value());
            TableReader.Entry found = reader.find(key);
            assertArrayEquals(key, found.key());
            assertArrayEquals(model.get(key), found.value());
            assertTrue(reader.mayContain(key), "no false negatives");
            // Between this key and the next: the smallest key after it is key + 0x00.
            byte[] between = Arrays.copyOf(key, key.length + 1);
            assertSeekLands(model, reader, it, between);
        }
        assertSeekLands(model, reader, it, new byte[0]);
        byte[] past = new byte[700];
        Arrays.fill(past, (byte) 0xff);
        assertSeekLands(model, reader, it, past);
    }

    private static void assertSeekLands(NavigableMap<byte[], byte[]> model, TableReader reader, SeekingIterator it,
            byte[] target) {
        Map.Entry<byte[], byte[]> expected = model.ceilingEntry(target);
        it.seek(target);
        TableReader.Entry found = reader.find(target);
        if (expected == null) {
            assertFalse(it.valid(), "seek past the last key");
            assertNull(found);
        } else {
            assertTrue(it.valid());
            assertArrayEquals(expected.getKey(), it.key());
            assertArrayEquals(expected.getValue(), it.value());
            assertArrayEquals(expected.getKey(), found.key());
            assertArrayEquals(expected.getValue(), found.value());
        }
    }

    /**
     * Opens {@code file}, scans it and finds every model key. Returns true if all of that gave
     * exactly the model's data, false if it raised a {@link CorruptionException} naming the file;
     * anything else (wrong data, another exception) fails the test.
     */
    static boolean readsIntactOrReportsCorruption(Path file, NavigableMap<byte[], byte[]> model) {
        try (TableReader reader = open(file, new BlockCache(0))) {
            assertTableEquals(model, reader);
            return true;
        } catch (CorruptionException e) {
            assertTrue(e.getMessage().contains(file.toString()), () -> "message names the file: " + e.getMessage());
            return false;
        }
    }

    static byte[] key(int i) {
        return String.format("key%08d", i).getBytes();
    }
}
