package io.sediment.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The results as fixed-width text tables: every row with its latencies, ratio and amplification,
 * then the headline pivot (ops/s per engine and Sediment ÷ peer per workload). Stateless.
 */
public final class ResultTable {
    private ResultTable() {
    }

    /** Both tables. */
    public static String render(List<Result> results) {
        return rows(results) + "\n" + pivot(results);
    }

    /** One line per workload × engine. */
    public static String rows(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-18s %-16s %3s %9s %11s %9s %9s %9s %7s %6s %6s %6s %9s %5s  %s%n",
                "workload", "engine", "thr", "ops", "ops/s", "p50 us", "p99 us", "p99.9 us", "S/peer", "W-amp",
                "R-amp", "S-amp", "disk MiB", "load", "note"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%-18s %-16s %3d %9d %11s %9s %9s %9s %7s %6s %6s %6s %9s %5s  %s%n",
                    r.workload(), r.engine(), r.threads(), r.ops(), rate(r.opsPerSecond()), num(r.p50Micros(), 1),
                    num(r.p99Micros(), 1), num(r.p999Micros(), 1), ratio(Ratios.versusSediment(results, r)),
                    num(r.writeAmp(), 2), num(r.readAmp(), 2), num(r.spaceAmp(), 2),
                    r.diskBytes() > 0 ? num(r.diskBytes() / 1048576.0, 1) : "-", num(r.load1(), 1), r.note()));
        }
        return out.toString();
    }

    /** ops/s per engine side by side, then Sediment ÷ each peer. */
    public static String pivot(List<Result> results) {
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> engines = new LinkedHashSet<>();
        for (Result r : results) {
            workloads.add(r.workload());
            engines.add(r.engine());
        }
        List<String> peers = new ArrayList<>(engines);
        peers.remove(Ratios.BASELINE);
        peers.remove("disk");
        engines.remove("disk");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-18s", "ops/s"));
        for (String e : engines) {
            out.append(String.format(Locale.ROOT, " %16s", e));
        }
        if (engines.contains(Ratios.BASELINE)) {
            for (String p : peers) {
                out.append(String.format(Locale.ROOT, " %16s", "S/" + p));
            }
        }
        out.append('\n');
        for (String w : workloads) {
            out.append(String.format(Locale.ROOT, "%-18s", w));
            for (String e : engines) {
                Result r = find(results, w, e);
                out.append(String.format(Locale.ROOT, " %16s", r == null ? "" : rate(r.opsPerSecond())));
            }
            if (engines.contains(Ratios.BASELINE)) {
                for (String p : peers) {
                    Result r = find(results, w, p);
                    out.append(String.format(Locale.ROOT, " %16s", r == null ? "" : ratio(Ratios.versusSediment(results, r))));
                }
            }
            Result disk = find(results, w, "disk");
            if (disk != null) {
                out.append("   raw fsync/s: ").append(rate(disk.opsPerSecond()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static Result find(List<Result> results, String workload, String engine) {
        for (Result r : results) {
            if (r.workload().equals(workload) && r.engine().equals(engine)) {
                return r;
            }
        }
        return null;
    }

    static String rate(double v) {
        return v > 0 ? String.format(Locale.ROOT, "%,.0f", v) : "-";
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
