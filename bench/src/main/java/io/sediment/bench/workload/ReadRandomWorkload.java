package io.sediment.bench.workload;

import java.util.SplittableRandom;

/** readrandom: {@code ops} point reads of uniformly random existing keys on a loaded database. */
public final class ReadRandomWorkload implements Workload {

    @Override
    public String name() {
        return "readrandom";
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
        SplittableRandom random = new SplittableRandom(ctx.seed() + 2000 + t);
        long n = RunContext.shareStart(ctx.ops(), ctx.threads(), t + 1) - RunContext.shareStart(ctx.ops(), ctx.threads(), t);
        for (long i = 0; i < n; i++) {
            byte[] key = ctx.keys().key(random.nextLong(ctx.num()));
            long start = System.nanoTime();
            byte[] value = ctx.engine().get(key);
            recorder.done(start);
            recorder.lookup(value != null);
        }
    }
}
