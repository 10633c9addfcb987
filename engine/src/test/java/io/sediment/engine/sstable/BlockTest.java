package io.sediment.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockTest {
    private static Block build(NavigableMap<byte[], byte[]> model, int restartInterval) {
        BlockBuilder builder = new BlockBuilder(restartInterval);
        model.forEach(builder::add);
        byte[] bytes = builder.finish();
        assertEquals(bytes.length, builder.estimatedSize());
        return new Block(bytes, bytes.length, "test block");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 16, 1000})
    void roundTripAndSeekAtAndBetweenEveryKey(int restartInterval) {
        NavigableMap<byte[], byte[]> model = TableFixtures.randomModel(new Random(restartInterval), 300);
        Block block = build(model, restartInterval);
        BlockIterator it = block.iterator(Bytes.UNSIGNED);

        List<byte[]> keys = new ArrayList<>();
        for (it.seekToFirst(); it.valid(); it.next()) {
            assertArrayEquals(model.get(it.key()), it.value());
            keys.add(it.key());
        }
        assertEquals(model.size(), keys.size());
        assertTrue(Arrays.deepEquals(model.keySet().toArray(), keys.toArray()));

        for (byte[] key : model.keySet()) {
            it.seek(key);
            assertTrue(it.valid());
            assertArrayEquals(key, it.key());
            byte[] between = Arrays.copyOf(key, key.length + 1);
            it.seek(between);
            Map.Entry<byte[], byte[]> next = model.higherEntry(key);
            if (next == null) {
                assertFalse(it.valid());
            } else {
                assertArrayEquals(next.getKey(), it.key());
                assertArrayEquals(next.getValue(), it.value());
            }
        }
        it.seek(new byte[0]);
        assertArrayEquals(model.firstKey(), it.key());
        byte[] past = new byte[1000];
        Arrays.fill(past, (byte) 0xff);
        it.seek(past);
        assertFalse(it.valid());
    }

    @Test
    void emptyBlockHasNoEntries() {
        BlockBuilder builder = new BlockBuilder(16);
        assertTrue(builder.isEmpty());
        byte[] bytes = builder.finish();
        assertEquals(4, bytes.length);
        BlockIterator it = new Block(bytes, bytes.length, "empty").iterator(Bytes.UNSIGNED);
        it.seekToFirst();
        assertFalse(it.valid());
        it.seek(new byte[] {1});
        assertFalse(it.valid());
        assertThrows(NoSuchElementException.class, it::key);
    }

    @Test
    void builderIsReusableAfterReset() {
        BlockBuilder builder = new BlockBuilder(2);
        builder.add(new byte[] {9}, new byte[] {9});
        builder.reset();
        builder.add(new byte[] {1}, new byte[] {10});
        builder.add(new byte[] {1, 2}, new byte[] {12});
        byte[] bytes = builder.finish();
        BlockIterator it = new Block(bytes, bytes.length, "b").iterator(Bytes.UNSIGNED);
        it.seekToFirst();
        assertArrayEquals(new byte[] {1}, it.key());
        it.next();
        assertArrayEquals(new byte[] {1, 2}, it.key());
        assertArrayEquals(new byte[] {12}, it.value());
        it.next();
        assertFalse(it.valid());
    }

    @Test
    void callersMayScribbleOnReturnedArrays() {
        NavigableMap<byte[], byte[]> model = TableFixtures.randomModel(new Random(5), 200);
        BlockIterator it = build(model, 16).iterator(Bytes.UNSIGNED);
        int n = 0;
        for (it.seekToFirst(); it.valid(); it.next()) {
            byte[] key = it.key();
            assertArrayEquals(model.get(key), it.value());
            Arrays.fill(key, (byte) 0x5a);
            Arrays.fill(it.value(), (byte) 0x5a);
            n++;
        }
        assertEquals(model.size(), n);
    }

    @Test
    void malformedRestartArraysAreCorruption() {
        byte[] bytes = new byte[12];
        Bytes.putInt(bytes, 8, 100); // more restarts than fit
        assertThrows(CorruptionException.class, () -> new Block(bytes, bytes.length, "x"));
        Bytes.putInt(bytes, 8, 1);
        Bytes.putInt(bytes, 4, 3); // first restart must be 0
        CorruptionException e = assertThrows(CorruptionException.class, () -> new Block(bytes, bytes.length, "file.sst"));
        assertTrue(e.getMessage().startsWith("file.sst: "), e.getMessage());
        assertThrows(CorruptionException.class, () -> new Block(new byte[3], 3, "x"));
        byte[] noRestarts = new byte[8]; // entries but a restart count of 0
        assertThrows(CorruptionException.class, () -> new Block(noRestarts, noRestarts.length, "x"));
    }

    /** Every entry's lengths are checked: random bytes in a structurally valid block never escape as other errors. */
    @Test
    void randomEntryBytesRaiseOnlyCorruption() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 20_000; trial++) {
            int entryBytes = rnd.nextInt(64);
            int restarts = entryBytes == 0 ? 0 : 1 + rnd.nextInt(3);
            byte[] bytes = new byte[entryBytes + 4 * restarts + 4];
            for (int i = 0; i < entryBytes; i++) {
                bytes[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(8));
            }
            int[] offsets = rnd.ints(restarts - (restarts > 0 ? 1 : 0), 1, Math.max(2, entryBytes)).sorted().distinct()
                    .toArray();
            restarts = entryBytes == 0 ? 0 : offsets.length + 1;
            for (int i = 1; i < restarts; i++) {
                Bytes.putInt(bytes, entryBytes + 4 * i, offsets[i - 1]);
            }
            int length = entryBytes + 4 * restarts + 4;
            Bytes.putInt(bytes, length - 4, restarts);
            try {
                BlockIterator it = new Block(bytes, length, "random").iterator(Bytes.UNSIGNED);
                for (it.seekToFirst(); it.valid(); it.next()) {
                    it.value();
                }
                it.seek(new byte[] {(byte) rnd.nextInt(256)});
            } catch (CorruptionException expected) {
                assertTrue(expected.getMessage().startsWith("random: "));
            }
        }
    }
}
