package io.sediment.bench.workload;

import io.sediment.bench.engine.Engine;

/**
 * What a workload sees while it runs on one engine: the engine, the key and value generators, and
 * the run's sizes. Immutable; shared by the worker threads.
 *
 * @param num     keys loaded (or written by a fill workload): numbers {@code [0, num)}
 * @param ops     operations of a non-fill workload, over all threads
 * @param threads worker threads
 * @param sync    whether writes fsync
 * @param seed    base seed; thread {@code t} uses {@code seed + t}, so every engine sees the same keys
 */
public record RunContext(Engine engine, Keys keys, Values values, long num, long ops, int threads, boolean sync,
                         long seed) {

    /** First index of thread {@code t}'s share when {@code total} items are split over {@code parts}. */
    public static long shareStart(long total, int parts, int t) {
        return total * t / parts;
    }
}
