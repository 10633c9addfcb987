package io.sediment.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * The results as CSV (RFC 4180 quoting), one row per workload × engine, for plotting. Empty
 * cells stand for unknown values. Stateless.
 */
public final class CsvReport {
    /** The header line's column names, in order. */
    public static final String HEADER = "workload,engine,threads,ops,seconds,ops_per_sec,p50_us,p99_us,p999_us,max_us,"
            + "ratio_sediment_over_engine,write_amp,read_amp,space_amp,disk_bytes,load1,note";

    private CsvReport() {
    }

    public static String render(List<Result> results) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Result r : results) {
            out.append(String.join(",", quote(r.workload()), quote(r.engine()), Integer.toString(r.threads()),
                    Long.toString(r.ops()), num(r.seconds()), num(r.opsPerSecond()), num(r.p50Micros()),
                    num(r.p99Micros()), num(r.p999Micros()), num(r.maxMicros()),
                    num(Ratios.versusSediment(results, r)), num(r.writeAmp()), num(r.readAmp()), num(r.spaceAmp()),
                    Long.toString(r.diskBytes()), num(r.load1()), quote(r.note())));
            out.append('\n');
        }
        return out.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
