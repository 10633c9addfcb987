package io.sediment.engine.sstable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.KeyComparator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The decoded index answers like a linear search, with prefixes and without (a comparator that
 * is not a {@link KeyComparator}), on keys chosen so that prefixes tie, zero padding matters and
 * most keys share a long head (which some targets lack); and both engine orders really compare
 * their {@link KeyComparator#byteOrderedLength} bytes first, which the search relies on.
 */
class IndexBlockTest {
    private static final byte[] HEAD = "0000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Short keys over a tiny alphabet, most of them after a shared head. */
    private static byte[] randomKey(Random rnd) {
        int head = rnd.nextInt(10) == 0 ? rnd.nextInt(HEAD.length) : HEAD.length;
        byte[] k = Arrays.copyOf(HEAD, head + rnd.nextInt(12));
        for (int i = head; i < k.length; i++) {
            k[i] = (byte) ('0' + rnd.nextInt(3) - 1);
        }
        return k;
    }

    private static byte[] internalKey(Random rnd) {
        return InternalKey.encode(randomKey(rnd), rnd.nextInt(4), rnd.nextInt(2));
    }

    @Test
    void findAgreesWithLinearSearch() {
        Random rnd = new Random(5);
        Comparator<byte[]> plain = Bytes::compare; // not a KeyComparator: no prefixes
        for (Comparator<byte[]> order : List.of(Bytes.UNSIGNED, plain, InternalKey.COMPARATOR)) {
            boolean internal = order == InternalKey.COMPARATOR;
            TreeSet<byte[]> separators = new TreeSet<>(order);
            while (separators.size() < 300) {
                separators.add(internal ? internalKey(rnd) : randomKey(rnd));
            }
            BlockBuilder builder = new BlockBuilder(1);
            List<byte[]> sorted = new ArrayList<>(separators);
            for (int i = 0; i < sorted.size(); i++) {
                builder.add(sorted.get(i), new BlockHandle(i * 100L, 100).encode());
            }
            byte[] bytes = builder.finish();
            IndexBlock index = new IndexBlock(new Block(bytes, bytes.length, "test index"), order);
            assertEquals(sorted.size(), index.count());
            for (int t = 0; t < 3000; t++) {
                byte[] target = internal ? internalKey(rnd) : randomKey(rnd);
                int expected = 0;
                while (expected < sorted.size() && order.compare(sorted.get(expected), target) < 0) {
                    expected++;
                }
                int found = index.find(target);
                assertEquals(expected, found, "target " + Bytes.toHex(target));
                if (found < index.count()) {
                    assertEquals(found * 100L, index.blockOffset(found));
                    assertEquals(new BlockHandle(found * 100L, 100), index.handle(found));
                }
            }
        }
    }

    @Test
    void byteOrderedPartsDecideTheOrder() {
        Random rnd = new Random(6);
        for (KeyComparator order : List.of(Bytes.UNSIGNED, InternalKey.COMPARATOR)) {
            boolean internal = order == InternalKey.COMPARATOR;
            for (int i = 0; i < 100_000; i++) {
                byte[] a = internal ? internalKey(rnd) : randomKey(rnd);
                byte[] b = internal ? internalKey(rnd) : randomKey(rnd);
                int byBytes = Arrays.compareUnsigned(a, 0, order.byteOrderedLength(a.length),
                        b, 0, order.byteOrderedLength(b.length));
                if (byBytes != 0) {
                    assertEquals(Integer.signum(byBytes), Integer.signum(order.compare(a, b)),
                            Bytes.toHex(a) + " vs " + Bytes.toHex(b));
                }
            }
        }
    }
}
