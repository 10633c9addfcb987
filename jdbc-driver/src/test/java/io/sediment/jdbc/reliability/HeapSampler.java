package io.sediment.jdbc.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the heap this JVM uses right after a full collection ({@code System.gc()}, which the
 * JVM of these tests honours), i.e. the live data, at regular intervals; growth is judged by
 * comparing the means of the first, middle and last thirds of the samples. Each sample costs a
 * full GC pause, which is recorded. Not thread-safe: one sampling thread.
 */
final class HeapSampler {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** A sample: seconds since the first one, live heap bytes, and the GC pause it cost. */
    record Sample(double seconds, long liveBytes, long gcMillis) {}

    private final List<Sample> samples = new ArrayList<>();
    private long start;

    /** Collects and records the live heap now. */
    Sample sample() {
        long t0 = System.nanoTime();
        if (samples.isEmpty()) {
            start = t0;
        }
        System.gc();
        long gc = (System.nanoTime() - t0) / 1_000_000;
        Sample s = new Sample((t0 - start) / 1e9, MEMORY.getHeapMemoryUsage().getUsed(), gc);
        samples.add(s);
        return s;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Mean live bytes of the first third of the samples. */
    long firstThirdMean() {
        return mean(0, Math.max(1, samples.size() / 3));
    }

    /** Mean live bytes of the middle third of the samples. */
    long middleThirdMean() {
        int third = Math.max(1, samples.size() / 3);
        return mean(third, Math.min(samples.size(), 2 * third));
    }

    /** Mean live bytes of the last third of the samples. */
    long lastThirdMean() {
        return mean(samples.size() - Math.max(1, samples.size() / 3), samples.size());
    }

    long maxGcMillis() {
        return samples.stream().mapToLong(Sample::gcMillis).max().orElse(0);
    }

    private long mean(int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples.get(i).liveBytes();
        }
        return sum / Math.max(1, to - from);
    }

    /** The samples as {@code seconds:MiB} pairs. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (Sample s : samples) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%.0fs:%.1fMiB", s.seconds(),
                s.liveBytes() / 1048576.0));
        }
        return sb.toString();
    }
}
