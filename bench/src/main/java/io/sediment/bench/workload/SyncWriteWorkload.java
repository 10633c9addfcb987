package io.sediment.bench.workload;

/**
 * syncwrite-tN: {@code N} threads each write fresh keys with fsync ({@code sync=true}) for a fixed
 * time into an empty database. Comparing the rate at 1, 4 and 16 threads with the disk's raw fsync
 * rate shows how many writes share one fsync (group commit).
 */
public final class SyncWriteWorkload implements Workload {
    private final int threads;
    private final long millis;

    public SyncWriteWorkload(int threads, long millis) {
        this.threads = threads;
        this.millis = millis;
    }

    @Override
    public String name() {
        return "syncwrite-t" + threads;
    }

    @Override
    public boolean needsLoad() {
        return false;
    }

    @Override
    public long plannedOps(RunContext ctx) {
        return 0;
    }

    @Override
    public int threads(RunContext ctx) {
        return threads;
    }

    @Override
    public void runThread(RunContext ctx, int t, OpRecorder recorder) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Values.Cursor values = ctx.values().cursor(t + 51);
        long number = t;
        while (System.nanoTime() < deadline) {
            byte[] key = ctx.keys().key(number);
            number += threads;
            byte[] value = values.next();
            long start = System.nanoTime();
            ctx.engine().put(key, value, true);
            recorder.done(start);
        }
    }
}
