package io.sediment.bench.workload;

import io.sediment.bench.engine.EngineCursor;
import java.util.SplittableRandom;

/**
 * seekrandom: {@code ops} times, seek a cursor to a uniformly random existing key and read the
 * next 10 entries (db_bench's seekrandom with {@code --seek_nexts=10}). One operation is one seek
 * plus its nexts. Each thread reuses one cursor.
 */
public final class SeekRandomWorkload implements Workload {
    /** Entries read after each seek. */
    public static final int NEXTS = 10;

    @Override
    public String name() {
        return "seekrandom";
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
        SplittableRandom random = new SplittableRandom(ctx.seed() + 3000 + t);
        long n = RunContext.shareStart(ctx.ops(), ctx.threads(), t + 1) - RunContext.shareStart(ctx.ops(), ctx.threads(), t);
        try (EngineCursor cursor = ctx.engine().cursor()) {
            for (long i = 0; i < n; i++) {
                byte[] key = ctx.keys().key(random.nextLong(ctx.num()));
                long start = System.nanoTime();
                cursor.seek(key);
                boolean hit = cursor.valid();
                for (int j = 0; j < NEXTS && cursor.valid(); j++) {
                    cursor.key();
                    cursor.value();
                    cursor.next();
                }
                recorder.done(start);
                recorder.lookup(hit);
            }
        }
    }
}
