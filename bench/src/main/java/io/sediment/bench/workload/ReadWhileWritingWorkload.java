package io.sediment.bench.workload;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * readwhilewriting: {@code threads} readers do readrandom while one extra writer overwrites random
 * keys as fast as it can (db_bench's readwhilewriting). Only the readers are measured; the writer
 * stops when the last reader finishes, and its rate goes into the row's note.
 */
public final class ReadWhileWritingWorkload implements Workload {
    private final AtomicInteger readersLeft = new AtomicInteger();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public String name() {
        return "readwhilewriting";
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
    public int threads(RunContext ctx) {
        readersLeft.set(ctx.threads());
        return ctx.threads() + 1;
    }

    @Override
    public boolean measured(RunContext ctx, int t) {
        return t < ctx.threads();
    }

    @Override
    public void runThread(RunContext ctx, int t, OpRecorder recorder) {
        if (t == ctx.threads()) {
            write(ctx);
            return;
        }
        try {
            SplittableRandom random = new SplittableRandom(ctx.seed() + 4000 + t);
            long n = RunContext.shareStart(ctx.ops(), ctx.threads(), t + 1)
                    - RunContext.shareStart(ctx.ops(), ctx.threads(), t);
            for (long i = 0; i < n; i++) {
                byte[] key = ctx.keys().key(random.nextLong(ctx.num()));
                long start = System.nanoTime();
                byte[] value = ctx.engine().get(key);
                recorder.done(start);
                recorder.lookup(value != null);
            }
        } finally {
            readersLeft.decrementAndGet();
        }
    }

    private void write(RunContext ctx) {
        SplittableRandom random = new SplittableRandom(ctx.seed() + 4999);
        Values.Cursor values = ctx.values().cursor(4999);
        long n = 0;
        while (readersLeft.get() > 0) {
            ctx.engine().put(ctx.keys().key(random.nextLong(ctx.num())), values.next(), ctx.sync());
            n++;
        }
        writes.set(n);
    }

    @Override
    public String note(double seconds) {
        return String.format("writer %.0f ops/s", writes.get() / seconds);
    }
}
