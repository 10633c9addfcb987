package io.sediment.engine.db;

import io.sediment.engine.compaction.CompactionStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the engine's work, updated from the write, read and background paths, plus a
 * bounded history of recent flushes and compactions. Thread-safe; cheap to update.
 */
public final class EngineStats {
    /** How many finished flushes/compactions the history keeps. */
    public static final int HISTORY = 256;

    public final LongAdder userBytesWritten = new LongAdder();
    public final LongAdder walBytesWritten = new LongAdder();
    public final LongAdder gets = new LongAdder();
    public final LongAdder tablesProbed = new LongAdder();
    public final LongAdder stallCount = new LongAdder();
    public final LongAdder stallNanos = new LongAdder();
    public final LongAdder flushCount = new LongAdder();
    public final LongAdder flushBytesWritten = new LongAdder();
    public final LongAdder compactionCount = new LongAdder();
    public final LongAdder compactionBytesRead = new LongAdder();
    public final LongAdder compactionBytesWritten = new LongAdder();
    public final LongAdder compactionMillis = new LongAdder();
    private final ArrayDeque<CompactionStats> history = new ArrayDeque<>();

    public void recordFlush(CompactionStats s) {
        flushCount.increment();
        flushBytesWritten.add(s.bytesWritten());
        remember(s);
    }

    public void recordCompaction(CompactionStats s) {
        compactionCount.increment();
        compactionBytesRead.add(s.bytesRead());
        compactionBytesWritten.add(s.bytesWritten());
        compactionMillis.add(Math.max(0, s.endMillis() - s.startMillis()));
        remember(s);
    }

    public void recordStall(long nanos) {
        stallCount.increment();
        stallNanos.add(nanos);
    }

    private synchronized void remember(CompactionStats s) {
        history.addLast(s);
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    /** Recent flushes and compactions, oldest first. */
    public synchronized List<CompactionStats> history() {
        return new ArrayList<>(history);
    }
}
