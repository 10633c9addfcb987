package io.sediment.bench.workload;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One worker thread's measurements: a latency histogram (nanoseconds, 3 significant digits) and
 * operation counts, plus a shared progress counter that it feeds in chunks so that the progress
 * line costs almost nothing. Not thread-safe: each worker owns one; the runner merges them after
 * the worker has finished.
 */
public final class OpRecorder {
    private static final int CHUNK = 256;
    private final Histogram histogram = new Histogram(3);
    private final AtomicLong progress;
    private long ops;
    private long unreported;
    private long found;
    private long missed;

    public OpRecorder(AtomicLong progress) {
        this.progress = progress;
    }

    /** Records one operation that began at {@code startNanos} ({@link System#nanoTime()}). */
    public void done(long startNanos) {
        histogram.recordValue(Math.max(0, System.nanoTime() - startNanos));
        ops++;
        if (++unreported == CHUNK) {
            progress.addAndGet(unreported);
            unreported = 0;
        }
    }

    /** Counts a point read's outcome (for the "found" note). */
    public void lookup(boolean hit) {
        if (hit) {
            found++;
        } else {
            missed++;
        }
    }

    /** Pushes the remaining progress; called when the worker ends. */
    public void finish() {
        progress.addAndGet(unreported);
        unreported = 0;
    }

    public Histogram histogram() {
        return histogram;
    }

    public long ops() {
        return ops;
    }

    public long found() {
        return found;
    }

    public long missed() {
        return missed;
    }
}
