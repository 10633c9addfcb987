package io.sediment.bench.timeline;

import io.sediment.engine.Metrics;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link CompactionTimeline} for a terminal: a summary line, the level shape (files and
 * MiB per level) at a dozen evenly spaced moments, every flush and compaction on one line with a
 * bar showing when it ran within the whole span, and the stalls. Stateless; thread-safe.
 */
public final class TimelineText {
    private static final int ROWS = 12;
    private static final int BAR = 50;
    private static final double MIB = 1024.0 * 1024.0;

    private TimelineText() {
    }

    /** The text view of {@code timeline}, titled {@code title}. */
    public static String render(CompactionTimeline timeline, String title) {
        StringBuilder out = new StringBuilder();
        List<CompactionTimeline.Sample> samples = timeline.samples();
        List<Metrics.CompactionInfo> compactions = timeline.compactions();
        long t0 = timeline.startMillis();
        long t1 = Math.max(t0 + 1, timeline.endMillis());
        out.append(title).append('\n');
        out.append(TimelineSvg.summary(timeline, compactions, t0, t1)).append("\n\n");

        int levels = timeline.levels();
        out.append(String.format(Locale.ROOT, "%9s", "time"));
        for (int l = 0; l < levels; l++) {
            out.append(String.format(Locale.ROOT, " %16s", "L" + l + " files/MiB"));
        }
        out.append(String.format(Locale.ROOT, " %10s%n", "stalls"));
        if (!samples.isEmpty()) {
            int rows = Math.min(ROWS, samples.size());
            for (int r = 0; r < rows; r++) {
                int i = rows == 1 ? 0 : (int) Math.round((samples.size() - 1) * (double) r / (rows - 1));
                CompactionTimeline.Sample s = samples.get(i);
                out.append(String.format(Locale.ROOT, "%8.1fs", (s.millis() - t0) / 1000.0));
                for (int l = 0; l < levels; l++) {
                    int f = l < s.files().length ? s.files()[l] : 0;
                    long b = l < s.bytes().length ? s.bytes()[l] : 0;
                    out.append(String.format(Locale.ROOT, " %16s", f == 0 ? "-" : f + " / " + Math.round(b / MIB)));
                }
                out.append(String.format(Locale.ROOT, " %10d%n", s.stallCount()));
            }
        }

        out.append(String.format(Locale.ROOT, "%n%-10s %-10s %9s %9s %9s %8s  %-" + BAR + "s  %s%n", "levels", "files",
                "read MiB", "wrote MiB", "secs", "at", "when", "reason"));
        for (Metrics.CompactionInfo c : compactions) {
            int a = (int) Math.floor(BAR * (c.startMillis() - t0) / (double) (t1 - t0));
            int b = (int) Math.ceil(BAR * (c.endMillis() - t0) / (double) (t1 - t0));
            a = Math.max(0, Math.min(BAR - 1, a));
            b = Math.max(a + 1, Math.min(BAR, b));
            String bar = " ".repeat(a) + "#".repeat(b - a) + " ".repeat(BAR - b);
            out.append(String.format(Locale.ROOT, "%-10s %-10s %9.1f %9.1f %9.2f %7.1fs  %s  %s%n",
                    CompactionTimeline.levelsLabel(c), c.inputFiles() + "→" + c.outputFiles(), c.bytesRead() / MIB,
                    c.bytesWritten() / MIB, (c.endMillis() - c.startMillis()) / 1000.0,
                    (c.startMillis() - t0) / 1000.0, bar, c.reason()));
        }
        List<CompactionTimeline.Stall> stalls = timeline.stalls();
        if (!stalls.isEmpty()) {
            out.append("\nwrite stalls:\n");
            for (CompactionTimeline.Stall s : stalls) {
                out.append(String.format(Locale.ROOT, "  +%.1fs..+%.1fs  %d stalls, %d ms%n", (s.fromMillis() - t0) / 1000.0,
                        (s.toMillis() - t0) / 1000.0, s.stalls(), s.stallMillis()));
            }
        }
        for (CompactionTimeline.Marker m : timeline.markers()) {
            out.append(String.format(Locale.ROOT, "marker +%.1fs  %s%n", (m.millis() - t0) / 1000.0, m.label()));
        }
        return out.toString();
    }
}
