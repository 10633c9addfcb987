package io.sediment.bench.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders SQL benchmark results: a text table per comparison group (embedded: Sediment vs H2;
 * server: Sediment's server vs PostgreSQL and H2 TCP) with the median rate, the spread of the
 * repeats, rows/s, p50/p99 latency and the ratio Sediment/peer of the median rates (above 1 means
 * Sediment is faster), and a CSV with one line per cell. Stateless.
 */
public final class SqlReport {
    private SqlReport() {}

    /** The ratio Sediment/peer for {@code peer}, if the same group measured Sediment in the same cell. */
    public static Optional<Double> ratio(List<SqlResult> all, SqlResult peer) {
        if (peer.sediment()) {
            return Optional.empty();
        }
        return all.stream()
                .filter(r -> r.sediment() && r.group().equals(peer.group()) && r.workload().equals(peer.workload())
                        && r.threads() == peer.threads())
                .findFirst()
                .map(s -> s.medianOpsPerSecond() / peer.medianOpsPerSecond());
    }

    /** The text table of every result, grouped as measured. */
    public static String table(List<SqlResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"group", "workload", "thr", "target", "ops/s", "spread (min-max)", "rows/s",
            "p50 us", "p99 us", "sediment/peer", "load1"});
        String lastGroup = null;
        for (SqlResult r : results) {
            if (lastGroup != null && !lastGroup.equals(r.group() + r.workload() + r.threads())) {
                rows.add(null);
            }
            lastGroup = r.group() + r.workload() + r.threads();
            rows.add(new String[] {
                r.group(), r.workload(), Integer.toString(r.threads()), r.target(),
                count(r.medianOpsPerSecond()),
                count(r.minOpsPerSecond()) + "-" + count(r.maxOpsPerSecond()),
                count(r.medianRowsPerSecond()),
                micros(r.p50Micros()), micros(r.p99Micros()),
                ratio(results, r).map(x -> String.format(Locale.ROOT, "%.2f", x)).orElse(""),
                loads(r.load1())});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            if (row != null) {
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            if (row == null) {
                sb.append('\n');
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean left = i <= 3;
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(left ? cell + pad : pad + cell).append(i + 1 < row.length ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** One CSV line per result, with a header. */
    public static void writeCsv(Path file, List<SqlResult> results) throws IOException {
        StringBuilder sb = new StringBuilder("group,workload,threads,target,ops_per_s_median,ops_per_s_min,"
                + "ops_per_s_max,rows_per_op,rows_per_s_median,p50_us,p99_us,p999_us,sediment_over_peer,repeats,"
                + "load1\n");
        for (SqlResult r : results) {
            sb.append(String.join(",", r.group(), r.workload(), Integer.toString(r.threads()), r.target(),
                    num(r.medianOpsPerSecond()), num(r.minOpsPerSecond()), num(r.maxOpsPerSecond()),
                    num(r.rowsPerOp()), num(r.medianRowsPerSecond()), num(r.p50Micros()), num(r.p99Micros()),
                    num(r.p999Micros()), ratio(results, r).map(SqlReport::num).orElse(""),
                    Integer.toString(r.opsPerSecond().size()), loads(r.load1()).replace(' ', ';')))
                    .append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** 12345 → "12,345"; millions as "1.23M". */
    static String count(double v) {
        if (v >= 10_000_000) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String micros(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String loads(List<Double> loads) {
        List<String> s = new ArrayList<>();
        for (double l : loads) {
            s.add(String.format(Locale.ROOT, "%.1f", l));
        }
        return String.join(" ", s);
    }
}
