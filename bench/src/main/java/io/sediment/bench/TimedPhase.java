package io.sediment.bench;

import io.sediment.bench.workload.OpRecorder;
import io.sediment.bench.workload.RunContext;
import io.sediment.bench.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs a workload's workers together and measures them: every worker thread is started and waits
 * at a gate; the clock starts when the gate opens and stops when the last worker returns. The
 * measured workers' histograms are merged. The first worker exception fails the phase.
 */
final class TimedPhase {
    /** What the phase measured: operations of measured workers, elapsed nanos, merged latencies. */
    record Outcome(long ops, long nanos, Histogram histogram, long found, long missed) {
    }

    private TimedPhase() {
    }

    static Outcome run(Workload workload, RunContext ctx, AtomicLong progress) throws Exception {
        int n = workload.threads(ctx);
        CountDownLatch gate = new CountDownLatch(1);
        List<OpRecorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < n; t++) {
            OpRecorder recorder = new OpRecorder(progress);
            recorders.add(recorder);
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    gate.await();
                    workload.runThread(ctx, index, recorder);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    recorder.finish();
                }
            }, "bench-" + workload.name() + "-" + t);
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        gate.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        if (failure.get() != null) {
            Throwable e = failure.get();
            throw e instanceof Exception ex ? ex : new IllegalStateException(e);
        }
        Histogram merged = new Histogram(3);
        long ops = 0;
        long found = 0;
        long missed = 0;
        for (int t = 0; t < n; t++) {
            if (workload.measured(ctx, t)) {
                OpRecorder r = recorders.get(t);
                merged.add(r.histogram());
                ops += r.ops();
                found += r.found();
                missed += r.missed();
            }
        }
        return new Outcome(ops, nanos, merged, found, missed);
    }
}
