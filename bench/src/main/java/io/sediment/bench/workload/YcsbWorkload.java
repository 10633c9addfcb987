package io.sediment.bench.workload;

import io.sediment.bench.engine.EngineCursor;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The YCSB core workloads A–F over a loaded database of {@code num} records, {@code ops}
 * operations in all, requests Zipf-distributed (theta 0.99, scrambled) unless noted:
 * <ul>
 *   <li>A: 50% read, 50% update — B: 95% read, 5% update — C: 100% read;</li>
 *   <li>D: 95% read, 5% insert; reads favour the newest records ("latest": the newest record minus a
 *       Zipf-distributed distance);</li>
 *   <li>E: 95% scan (start Zipf-distributed over the loaded records, length uniform in 1..100),
 *       5% insert;</li>
 *   <li>F: 50% read, 50% read-modify-write (a read, then a write of the same key, timed as one op).</li>
 * </ul>
 * Inserts take fresh key numbers from {@code num} upwards. An update writes a whole new value
 * (YCSB's default writes one field; here the record is the value).
 */
public final class YcsbWorkload implements Workload {
    private static final int MAX_SCAN = 100;
    private final char letter;
    private final AtomicLong nextInsert = new AtomicLong();
    private Zipfian zipf;

    /** {@code letter} is one of a–f. */
    public YcsbWorkload(char letter) {
        if (letter < 'a' || letter > 'f') {
            throw new IllegalArgumentException("YCSB workloads are a..f, not " + letter);
        }
        this.letter = letter;
    }

    @Override
    public String name() {
        return "ycsb-" + letter;
    }

    @Override
    public boolean needsLoad() {
        return true;
    }

    @Override
    public long plannedOps(RunContext ctx) {
        return ctx.ops();
    }

    private synchronized Zipfian zipf(RunContext ctx) {
        if (zipf == null) {
            zipf = new Zipfian(ctx.num(), Zipfian.THETA, letter != 'd');
            nextInsert.set(ctx.num());
        }
        return zipf;
    }

    /** Builds the Zipf tables before the clock starts (the runner calls this untimed). */
    @Override
    public void prepare(RunContext ctx) {
        zipf(ctx);
    }

    @Override
    public void runThread(RunContext ctx, int t, OpRecorder recorder) {
        Zipfian z = zipf(ctx);
        SplittableRandom random = new SplittableRandom(ctx.seed() + 5000 + t);
        Values.Cursor values = ctx.values().cursor(t + 31);
        long n = RunContext.shareStart(ctx.ops(), ctx.threads(), t + 1) - RunContext.shareStart(ctx.ops(), ctx.threads(), t);
        for (long i = 0; i < n; i++) {
            int dice = random.nextInt(100);
            switch (letter) {
                case 'a' -> readOrUpdate(ctx, recorder, z, random, values, dice < 50);
                case 'b' -> readOrUpdate(ctx, recorder, z, random, values, dice < 95);
                case 'c' -> readOrUpdate(ctx, recorder, z, random, values, true);
                case 'd' -> {
                    if (dice < 95) {
                        long newest = nextInsert.get() - 1;
                        read(ctx, recorder, Math.max(0, newest - z.next(random)));
                    } else {
                        insert(ctx, recorder, values);
                    }
                }
                case 'e' -> {
                    if (dice < 95) {
                        scan(ctx, recorder, z.next(random), 1 + random.nextInt(MAX_SCAN));
                    } else {
                        insert(ctx, recorder, values);
                    }
                }
                default -> {
                    if (dice < 50) {
                        read(ctx, recorder, z.next(random));
                    } else {
                        byte[] key = ctx.keys().key(z.next(random));
                        byte[] value = values.next();
                        long start = System.nanoTime();
                        ctx.engine().get(key);
                        ctx.engine().put(key, value, ctx.sync());
                        recorder.done(start);
                    }
                }
            }
        }
    }

    private static void readOrUpdate(RunContext ctx, OpRecorder recorder, Zipfian z, SplittableRandom random,
                                     Values.Cursor values, boolean read) {
        if (read) {
            read(ctx, recorder, z.next(random));
        } else {
            byte[] key = ctx.keys().key(z.next(random));
            byte[] value = values.next();
            long start = System.nanoTime();
            ctx.engine().put(key, value, ctx.sync());
            recorder.done(start);
        }
    }

    private static void read(RunContext ctx, OpRecorder recorder, long number) {
        byte[] key = ctx.keys().key(number);
        long start = System.nanoTime();
        byte[] value = ctx.engine().get(key);
        recorder.done(start);
        recorder.lookup(value != null);
    }

    private void insert(RunContext ctx, OpRecorder recorder, Values.Cursor values) {
        byte[] key = ctx.keys().key(nextInsert.getAndIncrement());
        byte[] value = values.next();
        long start = System.nanoTime();
        ctx.engine().put(key, value, ctx.sync());
        recorder.done(start);
    }

    private static void scan(RunContext ctx, OpRecorder recorder, long from, int length) {
        byte[] key = ctx.keys().key(from);
        long start = System.nanoTime();
        try (EngineCursor cursor = ctx.engine().cursor()) {
            cursor.seek(key);
            for (int j = 0; j < length && cursor.valid(); j++) {
                cursor.key();
                cursor.value();
                cursor.next();
            }
        }
        recorder.done(start);
    }
}
