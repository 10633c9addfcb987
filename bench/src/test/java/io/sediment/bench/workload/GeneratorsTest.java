package io.sediment.bench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Keys, values, permutations and Zipf numbers have the shapes the workloads rely on. */
class GeneratorsTest {

    @Test
    void keysAreZeroPaddedDecimalsInNumberOrder() {
        Keys keys = new Keys(16);
        assertArrayEquals("0000000000000042".getBytes(StandardCharsets.US_ASCII), keys.key(42));
        for (long i = 0; i < 2000; i += 7) {
            assertTrue(Arrays.compareUnsigned(keys.key(i), keys.key(i + 1)) < 0);
        }
        assertThrows(IllegalArgumentException.class, () -> new Keys(3).key(1000));
        assertEquals(999, new Keys(3).capacity());
    }

    @Test
    void valuesCompressToAboutTheAskedFraction() {
        for (double c : new double[] {0.25, 0.5, 1.0}) {
            Values.Cursor cursor = new Values(100, c, 1).cursor(0);
            byte[] all = new byte[100 * 400];
            for (int i = 0; i < 400; i++) {
                System.arraycopy(cursor.next(), 0, all, i * 100, 100);
            }
            Deflater deflater = new Deflater();
            deflater.setInput(all);
            deflater.finish();
            byte[] buf = new byte[all.length * 2];
            double ratio = deflater.deflate(buf) / (double) all.length;
            deflater.end();
            // Printable random bytes carry ~6.6 bits each, so deflate lands a bit under the target.
            assertTrue(ratio < c + 0.05 && ratio > c * 0.6, "compressibility " + c + " gave " + ratio);
        }
    }

    @Test
    void permutationHoldsEveryNumberOnce() {
        int[] p = Permutation.of(10_000, 7);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, Permutation.of(10_000, 7), "same seed, same order");
    }

    @Test
    void zipfianIsSkewedAndInRange() {
        int n = 1000;
        Zipfian plain = new Zipfian(n, Zipfian.THETA, false);
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[n];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            long v = plain.next(random);
            assertTrue(v >= 0 && v < n);
            counts[(int) v]++;
        }
        // P(rank 0) = 1 / zeta(1000, 0.99) ≈ 0.133; the tail item is ~1000x rarer.
        double top = counts[0] / (double) draws;
        assertTrue(top > 0.11 && top < 0.16, "rank 0 frequency " + top);
        assertTrue(counts[0] > 50 * Math.max(1, counts[n - 1]));
        Zipfian scrambled = new Zipfian(n, Zipfian.THETA, true);
        long v = scrambled.next(new SplittableRandom(4));
        assertTrue(v >= 0 && v < n);
    }
}
