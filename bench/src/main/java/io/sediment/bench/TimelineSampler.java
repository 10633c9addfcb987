package io.sediment.bench;

import io.sediment.bench.timeline.CompactionTimeline;
import io.sediment.engine.Db;

/**
 * Feeds a {@link CompactionTimeline} from an open Sediment {@link Db}: a daemon thread takes
 * {@code db.metrics()} every {@code intervalMillis} from {@link #start()} until {@link #stop()}
 * (which takes one last sample). Markers go straight to the timeline.
 */
final class TimelineSampler {
    private final Db db;
    private final long intervalMillis;
    private final CompactionTimeline timeline = new CompactionTimeline();
    private final Thread thread;
    private volatile boolean running = true;

    TimelineSampler(Db db, long intervalMillis) {
        this.db = db;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "bench-timeline");
        thread.setDaemon(true);
    }

    void start() {
        sample();
        thread.start();
    }

    void mark(String label) {
        timeline.mark(System.currentTimeMillis(), label);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                sample();
            }
        }
    }

    private void sample() {
        try {
            timeline.add(System.currentTimeMillis(), db.metrics());
        } catch (RuntimeException e) {
            // The database is closing; the timeline keeps what it has.
        }
    }

    /** Stops sampling after one last sample; returns the timeline. */
    CompactionTimeline stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        return timeline;
    }
}
