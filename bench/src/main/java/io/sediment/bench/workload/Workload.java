package io.sediment.bench.workload;

/**
 * One benchmark workload (fillrandom, readrandom, ycsb-a, …). A fresh instance is made for each
 * engine it runs on, so it may keep per-run state. The runner prepares the database ({@link
 * #needsLoad()}), starts {@link #threads} workers together, each calling {@link #runThread}, and
 * times from the start signal until every worker has returned.
 */
public interface Workload {

    /** The name used on the command line and in the tables. */
    String name();

    /** Whether the database is loaded with keys {@code [0, num)} in random order (untimed) first. */
    boolean needsLoad();

    /** Operations planned over all threads (for the progress line; 0 when bounded by time). */
    long plannedOps(RunContext ctx);

    /** Untimed set-up before the clock starts (tables of random numbers, permutations). */
    default void prepare(RunContext ctx) {
    }

    /** Worker threads to start (the run's thread count unless the workload fixes its own). */
    default int threads(RunContext ctx) {
        return ctx.threads();
    }

    /**
     * Runs worker {@code t}'s share, recording every measured operation in {@code recorder}.
     * Threads whose recorder should not count (a background writer) are told by {@link #measured}.
     */
    void runThread(RunContext ctx, int t, OpRecorder recorder) throws Exception;

    /** Whether worker {@code t}'s operations count in the result (all, unless a workload says not). */
    default boolean measured(RunContext ctx, int t) {
        return true;
    }

    /** Untimed work after the timed phase and the settle (the amplification run reads here). */
    default void afterSettle(RunContext ctx) throws Exception {
    }

    /** A note for the result row, e.g. a background writer's rate; empty if none. */
    default String note(double seconds) {
        return "";
    }
}
