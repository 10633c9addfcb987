package io.sediment.bench;

import io.sediment.bench.workload.Permutation;
import io.sediment.bench.workload.RunContext;
import io.sediment.bench.workload.Values;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads keys {@code [0, num)} in a fixed random order (the fillrandom permutation), in atomic
 * batches of 1,000 without fsync, before a workload that reads or rewrites existing data. Untimed.
 */
final class Loader {
    private static final int BATCH = 1000;

    private Loader() {
    }

    static void load(RunContext ctx, int[] order, AtomicLong progress) {
        byte[][] keys = new byte[BATCH][];
        byte[][] values = new byte[BATCH][];
        Values.Cursor cursor = ctx.values().cursor(997);
        int n = 0;
        for (int number : order) {
            keys[n] = ctx.keys().key(number);
            values[n] = cursor.next();
            if (++n == BATCH) {
                ctx.engine().putBatch(keys, values, n);
                progress.addAndGet(n);
                keys = new byte[BATCH][];
                values = new byte[BATCH][];
                n = 0;
            }
        }
        if (n > 0) {
            ctx.engine().putBatch(keys, values, n);
            progress.addAndGet(n);
        }
    }

    /** The load order for {@code num} keys. */
    static int[] order(long num, long seed) {
        return Permutation.of(num, seed);
    }
}
