package io.sediment.bench.workload;

import java.util.SplittableRandom;

/**
 * overwrite / deleterandom: {@code ops} puts (or deletes) of uniformly random existing keys on a
 * loaded database, as db_bench does (keys may repeat).
 */
public final class WriteRandomWorkload implements Workload {
    private final String name;
    private final boolean delete;

    public WriteRandomWorkload(String name, boolean delete) {
        this.name = name;
        this.delete = delete;
    }

    @Override
    public String name() {
        return name;
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
        SplittableRandom random = new SplittableRandom(ctx.seed() + 1000 + t);
        long n = RunContext.shareStart(ctx.ops(), ctx.threads(), t + 1) - RunContext.shareStart(ctx.ops(), ctx.threads(), t);
        Values.Cursor values = ctx.values().cursor(t + 17);
        for (long i = 0; i < n; i++) {
            byte[] key = ctx.keys().key(random.nextLong(ctx.num()));
            if (delete) {
                long start = System.nanoTime();
                ctx.engine().delete(key, ctx.sync());
                recorder.done(start);
            } else {
                byte[] value = values.next();
                long start = System.nanoTime();
                ctx.engine().put(key, value, ctx.sync());
                recorder.done(start);
            }
        }
    }
}
