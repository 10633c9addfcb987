package io.sediment.bench.timeline;

import io.sediment.engine.Metrics;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link CompactionTimeline} as one self-contained SVG document (no scripts, no external
 * fonts or styles; hover a bar for its details): bytes per level over time, files per level over
 * time, one lane per kind of compaction (flush→L0, L0→L1, …) with each flush or compaction as a
 * bar from its start to its end, write stalls as red bands across every panel, and markers as
 * dashed lines. Stateless; safe to use from any thread.
 */
public final class TimelineSvg {
    private static final String[] LEVEL_COLORS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int WIDTH = 1200;
    private static final int LEFT = 90;
    private static final int RIGHT = 140;
    private static final int PLOT = WIDTH - LEFT - RIGHT;
    private static final int LANE = 22;
    private static final double MIB = 1024.0 * 1024.0;

    private TimelineSvg() {
    }

    /** The SVG document for {@code timeline}, titled {@code title}. */
    public static String render(CompactionTimeline timeline, String title) {
        List<CompactionTimeline.Sample> samples = timeline.samples();
        List<Metrics.CompactionInfo> compactions = timeline.compactions();
        List<String> lanes = CompactionTimeline.lanes(compactions);
        long t0 = timeline.startMillis();
        long t1 = Math.max(t0 + 1, timeline.endMillis());
        int levels = timeline.levels();

        int markerRow = 80;
        int bytesTop = 104;
        int bytesHeight = 200;
        int filesTop = bytesTop + bytesHeight + 40;
        int filesHeight = 110;
        int lanesTop = filesTop + filesHeight + 40;
        int lanesHeight = Math.max(1, lanes.size() + 1) * LANE;
        int axisY = lanesTop + lanesHeight;
        int height = axisY + 50;

        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, LEFT, 24, 16, "bold", title);
        text(svg, LEFT, 44, 11, "normal", summary(timeline, compactions, t0, t1));
        text(svg, LEFT, 60, 10, "normal", "Hover a bar for its details. Red bands: write stalls. "
                + "Times are seconds from the first sample.");

        Scale x = new Scale(t0, t1, LEFT, LEFT + PLOT);
        // Stall bands first, so that everything else draws over them.
        for (CompactionTimeline.Stall s : timeline.stalls()) {
            double a = x.at(s.fromMillis());
            double w = Math.max(2, x.at(s.toMillis()) - a);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#d62728\""
                    + " fill-opacity=\"0.15\"><title>%s</title></rect>\n", a, bytesTop, w, axisY - bytesTop,
                    esc(String.format(Locale.ROOT, "stall: %d stalls, %d ms, +%.1f..+%.1f s", s.stalls(),
                            s.stallMillis(), (s.fromMillis() - t0) / 1000.0, (s.toMillis() - t0) / 1000.0))));
        }

        long maxBytes = 1;
        int maxFiles = 1;
        for (CompactionTimeline.Sample s : samples) {
            for (int l = 0; l < s.bytes().length; l++) {
                maxBytes = Math.max(maxBytes, s.bytes()[l]);
                maxFiles = Math.max(maxFiles, s.files()[l]);
            }
        }
        double bytesMax = nice(maxBytes / MIB);
        double filesMax = 4 * Math.ceil(maxFiles / 4.0);
        panel(svg, "bytes per level (MiB)", bytesTop, bytesHeight, bytesMax);
        panel(svg, "files per level", filesTop, filesHeight, filesMax);
        for (int l = 0; l < levels; l++) {
            StringBuilder bytesLine = new StringBuilder();
            StringBuilder filesLine = new StringBuilder();
            boolean any = false;
            double prevBytesY = Double.NaN;
            double prevFilesY = Double.NaN;
            for (CompactionTimeline.Sample s : samples) {
                long b = l < s.bytes().length ? s.bytes()[l] : 0;
                int f = l < s.files().length ? s.files()[l] : 0;
                any |= b > 0 || f > 0;
                double px = x.at(s.millis());
                double by = bytesTop + bytesHeight - bytesHeight * (b / MIB) / bytesMax;
                double fy = filesTop + filesHeight - filesHeight * f / filesMax;
                // Steps: the level keeps its shape until the sample that saw it change.
                if (!Double.isNaN(prevBytesY)) {
                    bytesLine.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, prevBytesY));
                    filesLine.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, prevFilesY));
                }
                bytesLine.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, by));
                filesLine.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, fy));
                prevBytesY = by;
                prevFilesY = fy;
            }
            if (!any) {
                continue;
            }
            String color = LEVEL_COLORS[l % LEVEL_COLORS.length];
            polyline(svg, bytesLine, color);
            polyline(svg, filesLine, color);
            int ly = bytesTop + 12 + 16 * l;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>\n",
                    LEFT + PLOT + 12, ly - 9, color));
            text(svg, LEFT + PLOT + 30, ly, 11, "normal", "L" + l);
        }

        // Compaction lanes.
        text(svg, LEFT, lanesTop - 8, 12, "bold", "flushes and compactions (bar = start..end, colour = output level)");
        for (int i = 0; i < lanes.size(); i++) {
            int y = lanesTop + i * LANE;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                    LEFT, y, PLOT, LANE, i % 2 == 0 ? "#f4f4f4" : "#fafafa"));
            textRight(svg, LEFT - 6, y + 15, lanes.get(i));
        }
        int stallLane = lanesTop + lanes.size() * LANE;
        textRight(svg, LEFT - 6, stallLane + 15, "stalls");
        for (CompactionTimeline.Stall s : timeline.stalls()) {
            double a = x.at(s.fromMillis());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                    + " fill=\"#d62728\"/>\n", a, stallLane + 4, Math.max(2, x.at(s.toMillis()) - a), LANE - 8));
        }
        for (Metrics.CompactionInfo c : compactions) {
            int lane = lanes.indexOf(CompactionTimeline.levelsLabel(c));
            double a = x.at(c.startMillis());
            double w = Math.max(1.5, x.at(c.endMillis()) - a);
            int y = lanesTop + lane * LANE + 3;
            String color = LEVEL_COLORS[Math.max(0, c.outputLevel()) % LEVEL_COLORS.length];
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\""
                    + " fill-opacity=\"0.85\" stroke=\"#333\" stroke-width=\"0.3\"><title>%s</title></rect>\n",
                    a, y, w, LANE - 6, color, esc(describe(c, t0))));
            if (w > 56) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"white\">%s</text>\n",
                        a + 3, y + 12, esc(String.format(Locale.ROOT, "%.0f MiB", c.bytesWritten() / MIB))));
            }
        }

        // Markers and the time axis.
        for (CompactionTimeline.Marker m : timeline.markers()) {
            double px = x.at(m.millis());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\""
                    + " stroke-dasharray=\"4,3\"/>\n", px, markerRow + 4, px, axisY));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#333\">%s</text>\n",
                    px + 2, markerRow, esc(m.label())));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n",
                LEFT, axisY, LEFT + PLOT, axisY));
        double seconds = (t1 - t0) / 1000.0;
        double step = nice(seconds / 10);
        for (double s = 0; s <= seconds + 1e-9; s += step) {
            double px = LEFT + PLOT * s / seconds;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>\n",
                    px, axisY, px, axisY + 5));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    px, axisY + 18, trim(s)));
        }
        text(svg, LEFT + PLOT / 2, axisY + 36, 11, "normal", "seconds");
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** One line: how long, how many flushes and compactions, bytes, stalls. */
    static String summary(CompactionTimeline timeline, List<Metrics.CompactionInfo> compactions, long t0, long t1) {
        long flushes = 0;
        long flushBytes = 0;
        long jobs = 0;
        long read = 0;
        long written = 0;
        for (Metrics.CompactionInfo c : compactions) {
            if (c.inputLevel() < 0) {
                flushes++;
                flushBytes += c.bytesWritten();
            } else {
                jobs++;
                read += c.bytesRead();
                written += c.bytesWritten();
            }
        }
        long stalls = 0;
        long stallMillis = 0;
        for (CompactionTimeline.Stall s : timeline.stalls()) {
            stalls += s.stalls();
            stallMillis += s.stallMillis();
        }
        return String.format(Locale.ROOT, "%.1f s; %d flushes (%.0f MiB written); %d compactions (%.0f MiB read,"
                        + " %.0f MiB written); %d write stalls (%d ms)", (t1 - t0) / 1000.0, flushes, flushBytes / MIB,
                jobs, read / MIB, written / MIB, stalls, stallMillis);
    }

    /** A compaction's tooltip. */
    static String describe(Metrics.CompactionInfo c, long t0) {
        return String.format(Locale.ROOT, "%s: %d→%d files, read %.1f MiB, wrote %.1f MiB, dropped %d entries,"
                        + " %.2f s (+%.2f..+%.2f s), reason %s, style %s", CompactionTimeline.levelsLabel(c), c.inputFiles(),
                c.outputFiles(), c.bytesRead() / MIB, c.bytesWritten() / MIB, c.entriesDropped(),
                (c.endMillis() - c.startMillis()) / 1000.0, (c.startMillis() - t0) / 1000.0,
                (c.endMillis() - t0) / 1000.0, c.reason(), c.style());
    }

    private static void panel(StringBuilder svg, String title, int top, int height, double max) {
        text(svg, LEFT, top - 8, 12, "bold", title);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>\n", LEFT, top, PLOT, height));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = top + height - height * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>\n",
                    LEFT, y, LEFT + PLOT, y));
            textRight(svg, LEFT - 6, (int) y + 4, trim(v));
        }
    }

    private static void polyline(StringBuilder svg, StringBuilder points, String color) {
        svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\" points=\"")
                .append(points).append("\"/>\n");
    }

    private static void text(StringBuilder svg, int x, int y, int size, String weight, String s) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n",
                x, y, size, weight, esc(s)));
    }

    private static void textRight(StringBuilder svg, int x, int y, String s) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", x, y, esc(s)));
    }

    /** The smallest of 1, 2, 5 × 10^k that is at least {@code v} (1 for v ≤ 0). */
    static double nice(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v - 1e-12) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Maps wall-clock milliseconds onto pixels. */
    private record Scale(long t0, long t1, double x0, double x1) {
        double at(long millis) {
            return x0 + (x1 - x0) * (millis - t0) / (double) (t1 - t0);
        }
    }
}
