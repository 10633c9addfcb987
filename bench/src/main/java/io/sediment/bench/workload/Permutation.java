package io.sediment.bench.workload;

import java.util.SplittableRandom;

/**
 * A random permutation of the key numbers {@code [0, n)} (Fisher–Yates with a fixed seed): the
 * order in which fillrandom and the loader write keys, so that every key is written exactly once
 * and every engine sees the same order.
 */
public final class Permutation {
    private Permutation() {
    }

    /** The numbers {@code [0, n)} shuffled by {@code seed}. REQUIRES n ≤ Integer.MAX_VALUE - 8. */
    public static int[] of(long n, long seed) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many keys for a permutation: " + n);
        }
        int[] p = new int[(int) n];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
