package io.sediment.bench.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The measurement of one (workload, threads, target) cell: the operations per second of every
 * repeat, their median and spread, rows per operation, and latency percentiles over every
 * measured operation of every repeat. Immutable once built by {@link #of}.
 */
public record SqlResult(String workload, int threads, String target, String group, boolean sediment,
        List<Double> opsPerSecond, double rowsPerOp, double p50Micros, double p99Micros, double p999Micros,
        List<Double> load1) {

    /** Summarizes the repeats of one cell. */
    public static SqlResult of(String workload, int threads, SqlTarget target, List<SqlWorkload.Run> runs) {
        Histogram all = new Histogram(runs.get(0).latency().getHighestTrackableValue(), 3);
        List<Double> rates = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        long ops = 0;
        long rows = 0;
        for (SqlWorkload.Run r : runs) {
            all.add(r.latency());
            rates.add(r.opsPerSecond());
            loads.add(r.load1());
            ops += r.ops();
            rows += r.rows();
        }
        return new SqlResult(workload, threads, target.name(), target.group(), target.isSediment(),
                List.copyOf(rates), ops == 0 ? 0 : (double) rows / ops,
                all.getValueAtPercentile(50) / 1e3, all.getValueAtPercentile(99) / 1e3,
                all.getValueAtPercentile(99.9) / 1e3, List.copyOf(loads));
    }

    /** The median of the repeats' operations per second. */
    public double medianOpsPerSecond() {
        return median(opsPerSecond);
    }

    /** The slowest repeat. */
    public double minOpsPerSecond() {
        return Collections.min(opsPerSecond);
    }

    /** The fastest repeat. */
    public double maxOpsPerSecond() {
        return Collections.max(opsPerSecond);
    }

    /** Rows read per second at the median rate. */
    public double medianRowsPerSecond() {
        return medianOpsPerSecond() * rowsPerOp;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
