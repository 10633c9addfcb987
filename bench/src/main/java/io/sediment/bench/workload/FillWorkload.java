package io.sediment.bench.workload;

/**
 * fillseq / fillrandom: writes keys {@code [0, num)} into an empty database, each exactly once,
 * in ascending order (fillseq) or in a random permutation (fillrandom, what RocksDB calls
 * filluniquerandom). Threads split the sequence into contiguous shares.
 */
public final class FillWorkload implements Workload {
    private final String name;
    private final boolean random;
    private int[] order;

    public FillWorkload(String name, boolean random) {
        this.name = name;
        this.random = random;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean needsLoad() {
        return false;
    }

    @Override
    public long plannedOps(RunContext ctx) {
        return ctx.num();
    }

    private synchronized int[] order(RunContext ctx) {
        if (order == null) {
            order = Permutation.of(ctx.num(), ctx.seed());
        }
        return order;
    }

    @Override
    public void runThread(RunContext ctx, int t, OpRecorder recorder) {
        int[] perm = random ? order(ctx) : null;
        long from = RunContext.shareStart(ctx.num(), ctx.threads(), t);
        long to = RunContext.shareStart(ctx.num(), ctx.threads(), t + 1);
        Values.Cursor values = ctx.values().cursor(t);
        for (long i = from; i < to; i++) {
            byte[] key = ctx.keys().key(perm == null ? i : perm[(int) i]);
            byte[] value = values.next();
            long start = System.nanoTime();
            ctx.engine().put(key, value, ctx.sync());
            recorder.done(start);
        }
    }

    /** Builds the permutation before the clock starts (the runner calls this untimed). */
    @Override
    public void prepare(RunContext ctx) {
        if (random) {
            order(ctx);
        }
    }
}
