package io.sediment.bench.workload;

import java.util.SplittableRandom;

/**
 * amplification (issue 3's fixed workload): on a database loaded with {@code num} keys in random
 * order, overwrite {@code ops} uniformly random keys (timed, like overwrite); after the settle, read
 * {@code min(ops, 100000)} random keys untimed so that read amplification has lookups to average over.
 * Write and space amplification are then cumulative over load plus overwrite.
 */
public final class AmplificationWorkload implements Workload {
    private static final long READS = 100_000;
    private final WriteRandomWorkload overwrite = new WriteRandomWorkload("amplification", false);

    @Override
    public String name() {
        return "amplification";
    }

    @Override
    public boolean needsLoad() {
        return true;
    }

    @Override
    public long plannedOps(RunContext ctx) {
        return ctx.ops();
    }

    @Override
    public void runThread(RunContext ctx, int t, OpRecorder recorder) {
        overwrite.runThread(ctx, t, recorder);
    }

    @Override
    public void afterSettle(RunContext ctx) {
        SplittableRandom random = new SplittableRandom(ctx.seed() + 6000);
        long n = Math.min(ctx.ops(), READS);
        for (long i = 0; i < n; i++) {
            ctx.engine().get(ctx.keys().key(random.nextLong(ctx.num())));
        }
    }
}
