package io.sediment.engine.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.SeekingIterator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The memtable against a {@code TreeMap} of internal keys: random puts and deletes (sequential and
 * random key orders, values big enough to need their own arena chunk), then point reads at random
 * sequences, full scans and random seeks must agree with the model; and readers running while one
 * writer inserts must never see an entry out of order, torn, or missing once published.
 */
class MemtableTest {
    @Test
    void agreesWithTreeMapModel() {
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            Memtable mem = new Memtable(seed % 2 == 0 ? 4096 : 64 << 20);
            TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.COMPARATOR);
            boolean sequentialKeys = seed % 4 == 0;
            int ops = 1 + rnd.nextInt(3000);
            long seq = 0;
            for (int i = 0; i < ops; i++) {
                byte[] key = sequentialKeys ? ByteBuffer.allocate(4).putInt(i).array() : randomKey(rnd);
                boolean isPut = rnd.nextInt(5) != 0;
                byte[] value = isPut ? randomValue(rnd) : null;
                seq += 1 + rnd.nextInt(3);
                mem.add(seq, isPut, key, value);
                model.put(InternalKey.encode(key, seq, isPut ? InternalKey.KIND_PUT : InternalKey.KIND_DELETE),
                        isPut ? value.clone() : new byte[0]);
                if (isPut) {
                    value[0] ^= 1; // the memtable owns a copy
                }
            }
            assertEquals(model.size(), mem.entryCount());
            assertFalse(mem.isEmpty());
            for (int i = 0; i < 500; i++) {
                byte[] key = rnd.nextBoolean() ? InternalKey.userKey(randomEntry(model, rnd)) : randomKey(rnd);
                long at = rnd.nextLong(seq + 2);
                assertLookup(model, mem, key, at);
            }
            assertScan(model, mem);
            try (SeekingIterator it = mem.iterator()) {
                for (int i = 0; i < 500; i++) {
                    byte[] target = InternalKey.lookupKey(randomKey(rnd), rnd.nextLong(seq + 2));
                    it.seek(target);
                    Map.Entry<byte[], byte[]> want = model.ceilingEntry(target);
                    assertEquals(want != null, it.valid());
                    if (want != null) {
                        assertArrayEquals(want.getKey(), it.key());
                        assertArrayEquals(want.getValue(), it.value());
                    }
                }
            }
        }
    }

    @Test
    void emptyMemtable() {
        Memtable mem = new Memtable(1 << 20);
        assertTrue(mem.isEmpty());
        assertEquals(0, mem.approximateBytes());
        assertNull(mem.get(new byte[] {1}, InternalKey.MAX_SEQUENCE));
        try (SeekingIterator it = mem.iterator()) {
            it.seekToFirst();
            assertFalse(it.valid());
            it.seek(InternalKey.lookupKey(new byte[0], 5));
            assertFalse(it.valid());
        }
    }

    @Test
    void sizeGrowsWithEntriesAndEmptyKeysWork() {
        Memtable mem = new Memtable(1 << 20);
        mem.add(1, true, new byte[0], new byte[100]);
        long one = mem.approximateBytes();
        assertTrue(one >= 108, "" + one);
        mem.add(2, false, new byte[0], null);
        assertTrue(mem.approximateBytes() > one);
        assertTrue(mem.get(new byte[0], 2).isDeleted());
        assertArrayEquals(new byte[100], mem.get(new byte[0], 1).value());
        assertNull(mem.get(new byte[0], 0));
    }

    /** One writer inserts random keys; readers scan, seek and get what was published meanwhile. */
    @Test
    void readersNeverSeeTornOrUnorderedEntriesWhileOneWriterInserts() throws Exception {
        Random rnd = new Random(42);
        byte[][] keys = new byte[200_001][];
        for (int s = 1; s < keys.length; s++) {
            keys[s] = randomKey(rnd);
        }
        readWhileWriting(keys);
    }

    /** Ascending keys keep the readers at the writer's insertion point, where a torn entry would show. */
    @Test
    void readersAtTheInsertionPointNeverSeeTornEntries() throws Exception {
        byte[][] keys = new byte[200_001][];
        for (int s = 1; s < keys.length; s++) {
            keys[s] = ByteBuffer.allocate(4).putInt(s).array();
        }
        readWhileWriting(keys);
    }

    /**
     * Descending keys make every insert relink the head, so readers looking up the newest key race
     * with the writer on the very link it changes (a reader must never see a link before the node it points to is complete).
     */
    @Test
    void readersRacingOnTheHeadLinkFindEveryPublishedKey() throws Exception {
        byte[][] keys = new byte[200_001][];
        for (int s = 1; s < keys.length; s++) {
            keys[s] = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE - s).putInt(s).array();
        }
        readWhileWriting(keys);
    }

    private static void readWhileWriting(byte[][] keys) throws Exception {
        int n = keys.length - 1;
        Memtable mem = new Memtable(1 << 20);
        long[] published = new long[1];
        Object lock = new Object();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int id = r;
            Thread t = new Thread(() -> {
                Random rr = new Random(id);
                try {
                    while (true) {
                        long pub;
                        synchronized (lock) {
                            pub = published[0];
                        }
                        if (rr.nextInt(100) == 0) {
                            checkScan(mem, pub);
                        }
                        checkTail(mem, pub == 0 ? new byte[0] : keys[(int) pub]);
                        for (int i = 0; i < 200 && pub > 0; i++) {
                            long s = i % 2 == 0 ? pub : 1 + rr.nextLong(pub);
                            LookupResult got = mem.get(keys[(int) s], s);
                            assertNotNull(got, "published entry missing");
                            if (isPut(s)) {
                                assertArrayEquals(valueFor(keys[(int) s], s), got.value());
                            } else {
                                assertTrue(got.isDeleted());
                            }
                        }
                        if (pub == n) {
                            return;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.start();
            readers.add(t);
        }
        for (int s = 1; s <= n; s++) {
            mem.add(s, isPut(s), keys[s], isPut(s) ? valueFor(keys[s], s) : null);
            if (s % 4 == 0 || s == n) {
                synchronized (lock) {
                    published[0] = s;
                }
            }
        }
        for (Thread t : readers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** A full scan is in strict order, each value matches its key and sequence, and nothing published is missing. */
    private static void checkScan(Memtable mem, long published) {
        byte[] prev = null;
        long seen = 0;
        try (SeekingIterator it = mem.iterator()) {
            for (it.seekToFirst(); it.valid(); it.next()) {
                checkEntry(prev, it);
                byte[] k = it.key();
                if (InternalKey.sequence(k) <= published) {
                    seen++;
                }
                prev = k;
            }
        }
        assertEquals(published, seen, "published entries missing from a scan");
    }

    /** Walks from {@code from} to the end of the memtable (entries being inserted included), checking each. */
    private static void checkTail(Memtable mem, byte[] from) {
        try (SeekingIterator it = mem.iterator()) {
            byte[] prev = null;
            for (it.seek(InternalKey.lookupKey(from, InternalKey.MAX_SEQUENCE)); it.valid(); it.next()) {
                checkEntry(prev, it);
                prev = it.key();
            }
        }
    }

    /** Checks that the iterator's entry follows {@code prev} and is whole: its value matches its key and sequence. */
    private static void checkEntry(byte[] prev, SeekingIterator it) {
        byte[] k = it.key();
        if (prev != null) {
            assertTrue(InternalKey.COMPARATOR.compare(prev, k) < 0, "out of order");
        }
        long s = InternalKey.sequence(k);
        assertEquals(isPut(s) ? InternalKey.KIND_PUT : InternalKey.KIND_DELETE, InternalKey.kind(k));
        assertArrayEquals(isPut(s) ? valueFor(InternalKey.userKey(k), s) : new byte[0], it.value(), "torn entry");
    }

    private static boolean isPut(long seq) {
        return seq % 7 != 0;
    }

    private static byte[] valueFor(byte[] key, long seq) {
        byte[] v = new byte[(int) (seq % 50) + key.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (seq * 31 + i + (i < key.length ? key[i] : 0));
        }
        return v;
    }

    private static void assertLookup(TreeMap<byte[], byte[]> model, Memtable mem, byte[] key, long at) {
        Map.Entry<byte[], byte[]> e = model.ceilingEntry(InternalKey.lookupKey(key, at));
        LookupResult got = mem.get(key, at);
        if (e == null || InternalKey.compareUserKey(e.getKey(), key) != 0) {
            assertNull(got);
        } else if (InternalKey.kind(e.getKey()) == InternalKey.KIND_DELETE) {
            assertTrue(got.isDeleted());
        } else {
            assertArrayEquals(e.getValue(), got.value());
        }
    }

    private static void assertScan(TreeMap<byte[], byte[]> model, Memtable mem) {
        try (SeekingIterator it = mem.iterator()) {
            it.seekToFirst();
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertTrue(it.valid());
                assertArrayEquals(e.getKey(), it.key());
                assertArrayEquals(e.getValue(), it.value());
                it.next();
            }
            assertFalse(it.valid());
        }
    }

    private static byte[] randomEntry(TreeMap<byte[], byte[]> model, Random rnd) {
        byte[] probe = InternalKey.lookupKey(randomKey(rnd), InternalKey.MAX_SEQUENCE);
        byte[] k = model.ceilingKey(probe);
        return k != null ? k : model.firstKey();
    }

    private static byte[] randomKey(Random rnd) {
        byte[] k = new byte[rnd.nextInt(6)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (rnd.nextInt(4) * 0x55); // few distinct bytes, including 0x00 and 0xff
        }
        return k;
    }

    private static byte[] randomValue(Random rnd) {
        int size = switch (rnd.nextInt(100)) {
            case 0 -> 300_000 + rnd.nextInt(1_000_000); // a chunk of its own
            case 1, 2, 3 -> 2_000 + rnd.nextInt(100_000);
            default -> rnd.nextInt(120);
        };
        byte[] v = new byte[Math.max(1, size)];
        rnd.nextBytes(v);
        return v;
    }
}
