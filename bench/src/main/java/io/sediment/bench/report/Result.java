package io.sediment.bench.report;

/**
 * One measured row: a workload on an engine. Rates are per second of the timed phase; latencies
 * are per operation in microseconds; amplification is {@code NaN} where the engine does not report
 * it; {@code load1} is the machine's 1-minute load average when the phase ended (others' builds
 * make numbers noisy). A failed run has {@code opsPerSecond} 0 and the error in {@code note}.
 */
public record Result(String workload, String engine, int threads, long ops, double seconds, double opsPerSecond,
                     double p50Micros, double p99Micros, double p999Micros, double maxMicros, double writeAmp,
                     double readAmp, double spaceAmp, long diskBytes, double load1, String note) {

    /** A row for a run that threw. */
    public static Result failed(String workload, String engine, int threads, Throwable error) {
        return new Result(workload, engine, threads, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, "FAILED: " + error);
    }

    public boolean failed() {
        return note.startsWith("FAILED");
    }
}
