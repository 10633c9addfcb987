package io.sediment.bench.workload;

import java.util.SplittableRandom;

/**
 * Zipf-distributed numbers in {@code [0, n)} for YCSB-style request skew: number {@code i} is drawn
 * with probability proportional to {@code 1 / (i + 1)^theta} (theta 0.99 as in YCSB), using Gray et
 * al.'s constant-time method ("Quickly generating billion-record synthetic databases", 1994). With
 * {@code scrambled}, ranks are hashed over the key space so that the hot keys are spread out instead
 * of being the smallest numbers. Immutable after construction; callers pass their own random source,
 * so one instance serves many threads.
 */
public final class Zipfian {
    /** YCSB's default skew. */
    public static final double THETA = 0.99;

    private final long n;
    private final double zetaN;
    private final double alpha;
    private final double eta;
    private final double halfPowTheta;
    private final boolean scrambled;

    public Zipfian(long n, double theta, boolean scrambled) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        this.n = n;
        this.scrambled = scrambled;
        this.zetaN = zeta(n, theta);
        double zeta2 = zeta(Math.min(2, n), theta);
        this.alpha = 1.0 / (1.0 - theta);
        this.halfPowTheta = Math.pow(0.5, theta);
        this.eta = n <= 2 ? 1 : (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetaN);
    }

    private static double zeta(long n, double theta) {
        double sum = 0;
        for (long i = 1; i <= n; i++) {
            sum += 1 / Math.pow(i, theta);
        }
        return sum;
    }

    /** The next number in {@code [0, n)}. */
    public long next(SplittableRandom random) {
        double u = random.nextDouble();
        double uz = u * zetaN;
        long rank;
        if (uz < 1.0) {
            rank = 0;
        } else if (uz < 1.0 + halfPowTheta) {
            rank = 1;
        } else {
            rank = (long) (n * Math.pow(eta * u - eta + 1, alpha));
        }
        rank = Math.min(rank, n - 1);
        return scrambled ? Math.floorMod(mix(rank), n) : rank;
    }

    /** A 64-bit finalizer (from SplitMix64) that spreads ranks uniformly over the key space. */
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
