package io.sediment.bench.timeline;

import io.sediment.engine.Metrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The history of one database's shape, built from {@link Metrics} reports taken over time: per
 * level file counts and bytes at each sample, every flush and compaction seen in the reports'
 * bounded {@code recentCompactions()} (de-duplicated, so sampling faster than the history rolls
 * over loses none), the stall counters, and named markers (e.g. "timed phase starts").
 *
 * <p>Depends only on the engine's public {@code Metrics} types, so that anything holding a
 * {@code Db} (the benchmark, {@code sediment stats --timeline}) can feed it; {@link TimelineSvg}
 * and {@link TimelineText} draw it. Thread-safe: {@link #add} and {@link #mark} may be called from
 * a sampling thread while another thread renders.
 */
public final class CompactionTimeline {
    private final List<Sample> samples = new ArrayList<>();
    private final Set<Metrics.CompactionInfo> compactions = new LinkedHashSet<>();
    private final List<Marker> markers = new ArrayList<>();

    /** One report's shape: files and bytes per level (index = level), stall counters, memtable. */
    public record Sample(long millis, int[] files, long[] bytes, long stallCount, long stallMillis,
                         long memtableBytes, int immutableMemtables) {
    }

    /** A named instant. */
    public record Marker(long millis, String label) {
    }

    /** A span in which writers stalled at least once ({@code stalls} times, {@code stallMillis} in all). */
    public record Stall(long fromMillis, long toMillis, long stalls, long stallMillis) {
    }

    /** Adds a report taken at {@code millis} (wall clock, as {@code CompactionInfo} times are). */
    public synchronized void add(long millis, Metrics m) {
        List<Metrics.LevelInfo> levels = m.levels();
        int[] files = new int[levels.size()];
        long[] bytes = new long[levels.size()];
        for (Metrics.LevelInfo l : levels) {
            if (l.level() >= 0 && l.level() < files.length) {
                files[l.level()] = l.files();
                bytes[l.level()] = l.bytes();
            }
        }
        samples.add(new Sample(millis, files, bytes, m.stallCount(), m.stallMillis(), m.memtableBytes(),
                m.immutableMemtables()));
        compactions.addAll(m.recentCompactions());
    }

    /** Marks an instant with a label. */
    public synchronized void mark(long millis, String label) {
        markers.add(new Marker(millis, label));
    }

    /** The samples in the order added. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Every flush and compaction seen, by start time. */
    public synchronized List<Metrics.CompactionInfo> compactions() {
        List<Metrics.CompactionInfo> list = new ArrayList<>(compactions);
        list.sort(Comparator.comparingLong(Metrics.CompactionInfo::startMillis)
                .thenComparingLong(Metrics.CompactionInfo::endMillis));
        return list;
    }

    public synchronized List<Marker> markers() {
        return List.copyOf(markers);
    }

    /** Spans between consecutive samples in which the stall counters grew. */
    public synchronized List<Stall> stalls() {
        List<Stall> list = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            long n = b.stallCount() - a.stallCount();
            long ms = b.stallMillis() - a.stallMillis();
            if (n > 0 || ms > 0) {
                list.add(new Stall(a.millis(), b.millis(), n, ms));
            }
        }
        return list;
    }

    /** Number of levels seen (the widest sample). */
    public synchronized int levels() {
        int n = 0;
        for (Sample s : samples) {
            n = Math.max(n, s.files().length);
        }
        return n;
    }

    /** The first instant of anything recorded, or 0 when empty. */
    public synchronized long startMillis() {
        long t = Long.MAX_VALUE;
        for (Sample s : samples) {
            t = Math.min(t, s.millis());
        }
        for (Metrics.CompactionInfo c : compactions) {
            t = Math.min(t, c.startMillis());
        }
        for (Marker m : markers) {
            t = Math.min(t, m.millis());
        }
        return t == Long.MAX_VALUE ? 0 : t;
    }

    /** The last instant of anything recorded, or 0 when empty. */
    public synchronized long endMillis() {
        long t = Long.MIN_VALUE;
        for (Sample s : samples) {
            t = Math.max(t, s.millis());
        }
        for (Metrics.CompactionInfo c : compactions) {
            t = Math.max(t, c.endMillis());
        }
        for (Marker m : markers) {
            t = Math.max(t, m.millis());
        }
        return t == Long.MIN_VALUE ? 0 : t;
    }

    /** Whether nothing has been recorded. */
    public synchronized boolean isEmpty() {
        return samples.isEmpty() && compactions.isEmpty();
    }

    /** A human label for a compaction's levels: "flush→L0", "L1→L2". */
    public static String levelsLabel(Metrics.CompactionInfo c) {
        return (c.inputLevel() < 0 ? "flush" : "L" + c.inputLevel()) + "→L" + c.outputLevel();
    }

    /** The distinct level labels of {@code list}, flushes first, then by input level. */
    public static List<String> lanes(List<Metrics.CompactionInfo> list) {
        List<int[]> pairs = new ArrayList<>();
        for (Metrics.CompactionInfo c : list) {
            int[] p = {c.inputLevel(), c.outputLevel()};
            if (pairs.stream().noneMatch(q -> q[0] == p[0] && q[1] == p[1])) {
                pairs.add(p);
            }
        }
        pairs.sort(Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
        List<String> lanes = new ArrayList<>();
        for (int[] p : pairs) {
            lanes.add((p[0] < 0 ? "flush" : "L" + p[0]) + "→L" + p[1]);
        }
        return Collections.unmodifiableList(lanes);
    }
}
