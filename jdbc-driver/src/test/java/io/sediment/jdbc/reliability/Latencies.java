package io.sediment.jdbc.reliability;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Operation latencies by operation name, kept exactly (every sample, in nanoseconds) so that
 * percentiles are exact rather than bucketed; a client records into its own instance and the
 * instances are merged at the end. Percentiles use the nearest-rank method. Not thread-safe.
 */
final class Latencies {
    private final Map<String, long[]> samples = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    void record(String op, long nanos) {
        long[] a = samples.computeIfAbsent(op, k -> new long[1024]);
        int n = counts.getOrDefault(op, 0);
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
            samples.put(op, a);
        }
        a[n] = nanos;
        counts.put(op, n + 1);
    }

    /** Adds all of {@code other}'s samples to this. */
    void addAll(Latencies other) {
        for (Map.Entry<String, long[]> e : other.samples.entrySet()) {
            int n = other.counts.get(e.getKey());
            for (int i = 0; i < n; i++) {
                record(e.getKey(), e.getValue()[i]);
            }
        }
    }

    /** Samples of {@code op} (all operations when {@code op} is null), sorted. */
    long[] sorted(String op) {
        long[] out;
        if (op != null) {
            out = Arrays.copyOf(samples.getOrDefault(op, new long[0]), counts.getOrDefault(op, 0));
        } else {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            out = new long[total];
            int at = 0;
            for (Map.Entry<String, long[]> e : samples.entrySet()) {
                int n = counts.get(e.getKey());
                System.arraycopy(e.getValue(), 0, out, at, n);
                at += n;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** The {@code p}-th percentile (0 &lt; p &lt;= 100) of sorted samples, nearest rank. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    Iterable<String> operations() {
        return samples.keySet();
    }

    /** One line: count, p50, p99, p99.9 and max in microseconds. */
    static String summary(String name, long[] sorted) {
        return String.format("%s count=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d", name, sorted.length,
            percentile(sorted, 50) / 1_000, percentile(sorted, 99) / 1_000, percentile(sorted, 99.9) / 1_000,
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1_000);
    }
}
