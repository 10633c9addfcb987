package io.sediment.bench.workload;

import io.sediment.bench.engine.EngineCursor;

/**
 * readseq: reads {@code min(ops, num)} entries in key order with a cursor; thread {@code t} starts
 * at the first key of its share of the key space. One operation is one entry (key and value read).
 */
public final class ReadSeqWorkload implements Workload {

    @Override
    public String name() {
        return "readseq";
    }

    @Override
    public boolean needsLoad() {
        return true;
    }

    @Override
    public long plannedOps(RunContext ctx) {
        return Math.min(ctx.ops(), ctx.num());
    }

    @Override
    public void runThread(RunContext ctx, int t, OpRecorder recorder) {
        long total = plannedOps(ctx);
        long n = RunContext.shareStart(total, ctx.threads(), t + 1) - RunContext.shareStart(total, ctx.threads(), t);
        try (EngineCursor cursor = ctx.engine().cursor()) {
            long start = System.nanoTime();
            cursor.seek(ctx.keys().key(RunContext.shareStart(ctx.num(), ctx.threads(), t)));
            for (long i = 0; i < n && cursor.valid(); i++) {
                cursor.key();
                cursor.value();
                cursor.next();
                recorder.done(start);
                start = System.nanoTime();
            }
        }
    }
}
