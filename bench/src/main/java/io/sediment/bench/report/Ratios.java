package io.sediment.bench.report;

import java.util.List;

/**
 * The benchmark's headline: Sediment's rate divided by another engine's on the same workload
 * (above 1.0 Sediment is faster). The baseline is the {@code sediment} row of the same workload.
 */
public final class Ratios {
    /** The engine every ratio is taken against. */
    public static final String BASELINE = "sediment";

    private Ratios() {
    }

    /** sediment ops/s ÷ {@code row}'s ops/s on the same workload; NaN when either is missing or zero. */
    public static double versusSediment(List<Result> all, Result row) {
        for (Result r : all) {
            if (r.workload().equals(row.workload()) && r.engine().equals(BASELINE)) {
                return r.opsPerSecond() > 0 && row.opsPerSecond() > 0 ? r.opsPerSecond() / row.opsPerSecond() : Double.NaN;
            }
        }
        return Double.NaN;
    }
}
