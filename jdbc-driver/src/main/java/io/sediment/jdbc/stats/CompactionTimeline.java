package io.sediment.jdbc.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the rows of {@code SYS.COMPACTIONS} as a self-contained HTML page: an SVG timeline with
 * one lane per output level and one bar per compaction (from its start to its end), followed by
 * the rows as a table. Columns are found by name: a start time ({@code START…}), an end time
 * ({@code END…} or {@code FINISH…}) and an output level ({@code OUTPUT_LEVEL} or {@code LEVEL});
 * without them only the table is written. Stateless.
 */
public final class CompactionTimeline {
    private static final int WIDTH = 960;
    private static final int LANE = 28;

    private CompactionTimeline() {}

    /** Reads all of {@code rs} and writes the page to {@code file}. */
    public static void write(ResultSet rs, String title, Path file) throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i).toUpperCase(Locale.ROOT));
        }
        int start = find(names, "START");
        int end = Math.max(find(names, "END"), find(names, "FINISH"));
        int level = names.indexOf("OUTPUT_LEVEL") >= 0 ? names.indexOf("OUTPUT_LEVEL")
            : names.indexOf("LEVEL");
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = rs.getObject(i + 1);
            }
            rows.add(row);
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Compactions — ")
            .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif}")
            .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;")
            .append("text-align:right}</style></head><body>\n<h1>Compactions</h1>\n<p>")
            .append(escape(title)).append(" — ").append(rows.size()).append(" compactions</p>\n");
        if (start >= 0 && end >= 0 && level >= 0 && !rows.isEmpty()) {
            svg(html, rows, start, end, level);
        }
        html.append("<table><tr>");
        for (String name : names) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr>\n");
        for (Object[] row : rows) {
            html.append("<tr>");
            for (Object v : row) {
                html.append("<td>").append(v == null ? "" : escape(v.toString())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void svg(StringBuilder html, List<Object[]> rows, int start, int end, int level) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int maxLevel = 0;
        for (Object[] row : rows) {
            min = Math.min(min, time(row[start]));
            max = Math.max(max, time(row[end]));
            maxLevel = Math.max(maxLevel, ((Number) row[level]).intValue());
        }
        double span = Math.max(1, max - min);
        int height = (maxLevel + 1) * LANE + 20;
        html.append("<svg width=\"").append(WIDTH + 60).append("\" height=\"").append(height)
            .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int l = 0; l <= maxLevel; l++) {
            html.append("<text x=\"0\" y=\"").append(l * LANE + 18).append("\">L").append(l)
                .append("</text>\n");
        }
        for (Object[] row : rows) {
            double x = 40 + (time(row[start]) - min) / span * WIDTH;
            double w = Math.max(2, (time(row[end]) - time(row[start])) / span * WIDTH);
            int l = ((Number) row[level]).intValue();
            html.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"hsl(%d,60%%,55%%)\">"
                    + "<title>L%d %.0f ms</title></rect>%n",
                x, l * LANE + 4, w, LANE - 8, (l * 67) % 360, l, time(row[end]) - time(row[start])));
        }
        html.append("</svg>\n");
    }

    private static double time(Object v) {
        if (v instanceof java.util.Date) {
            return ((java.util.Date) v).getTime();
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        return v == null ? 0 : java.sql.Timestamp.valueOf(v.toString()).getTime();
    }

    private static int find(List<String> names, String prefix) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\"", "&quot;");
    }
}
