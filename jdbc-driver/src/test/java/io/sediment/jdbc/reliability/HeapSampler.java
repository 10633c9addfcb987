package io.sediment.jdbc.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the heap this JVM uses right after a full collection ({@code System.gc()}, which the
 * JVM of these tests honours), i.e. the live data, at regular intervals; growth is judged by
 * comparing the medians of the first, middle and last thirds of the samples (medians, because
 * one sample can catch a transient peak — a flush and a compaction holding their buffers at once
 * — which a steady leak does not look like). Each sample costs a
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

    /** Median live bytes of the first third of the samples. */
    long firstThirdMedian() {
        return median(0, Math.max(1, samples.size() / 3));
    }

    /** Median live bytes of the middle third of the samples. */
    long middleThirdMedian() {
        int third = Math.max(1, samples.size() / 3);
        return median(third, Math.min(samples.size(), 2 * third));
    }

    /** Median live bytes of the last third of the samples. */
    long lastThirdMedian() {
        return median(samples.size() - Math.max(1, samples.size() / 3), samples.size());
    }

    long maxGcMillis() {
        return samples.stream().mapToLong(Sample::gcMillis).max().orElse(0);
    }

    private long median(int from, int to) {
        if (from >= to) {
            return 0;
        }
        long[] live = samples.subList(from, to).stream().mapToLong(Sample::liveBytes).sorted().toArray();
        int mid = live.length / 2;
        return live.length % 2 == 1 ? live[mid] : (live[mid - 1] + live[mid]) / 2;
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
