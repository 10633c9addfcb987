package io.sediment.engine;

import io.sediment.engine.compaction.BusyRanges;
import io.sediment.engine.compaction.Compaction;
import io.sediment.engine.compaction.CompactionConfig;
import io.sediment.engine.compaction.CompactionJob;
import io.sediment.engine.compaction.CompactionPicker;
import io.sediment.engine.compaction.LeveledPicker;
import io.sediment.engine.compaction.ManualCompactions;
import io.sediment.engine.compaction.SortedRunWriter;
import io.sediment.engine.compaction.TieredPicker;
import io.sediment.engine.error.StorageException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.CrashPoints;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Decides when compactions run and how many at once (the picker decides what, the job does the
 * merge): starts background compactions while threads are free and the current style's picker
 * finds work, runs manual compactions in the caller's thread, keeps two compactions from touching
 * the same files or writing the same key range of a level, and installs each result through the
 * manifest. Switching the style swaps the picker; running compactions finish as picked.
 *
 * <p>Thread-safety: state is guarded by the database mutex ({@link Db#mutex}); jobs run outside it.
 */
final class CompactionScheduler {
    private final Db db;
    private final CompactionConfig config;
    private final ExecutorService executor;
    private final Set<Long> busyFiles = new HashSet<>();
    private final List<Compaction> running = new ArrayList<>();
    private volatile CompactionStyle style;
    private volatile CompactionPicker picker;

    CompactionScheduler(Db db, Options options) {
        this.db = db;
        this.config = configOf(options);
        this.executor = Executors.newFixedThreadPool(options.compactionThreads(), Db.daemon("sediment-compaction"));
        setStyle(options.compactionStyle());
    }

    CompactionStyle style() {
        return style;
    }

    CompactionPicker picker() {
        return picker;
    }

    /** The shape targets both pickers aim for, copied from {@code options}. */
    static CompactionConfig configOf(Options options) {
        return new CompactionConfig(options.numLevels(), options.level1TargetBytes(), options.levelSizeRatio(),
                options.dynamicLevelBytes(), options.targetFileSize(), options.level0CompactionTrigger(),
                options.tieredSizeRatioPercent(), options.tieredMinMergeWidth(),
                options.tieredMaxSpaceAmplificationPercent());
    }

    /** REQUIRES: mutex held, or the scheduler not yet in use. */
    void setStyle(CompactionStyle s) {
        this.style = s;
        this.picker = s == CompactionStyle.LEVELED ? new LeveledPicker(config) : new TieredPicker(config);
    }

    /** REQUIRES: mutex held. */
    int runningCount() {
        return running.size();
    }

    /** REQUIRES: mutex held. Starts background compactions while there are free threads and work. */
    void maybeSchedule() {
        if (db.closing || db.backgroundError != null || !db.options.backgroundCompaction()) {
            return;
        }
        while (running.size() < db.options.compactionThreads()) {
            Compaction c = picker.pick(db.versions.current(), busyFiles, busyRanges());
            if (c == null) {
                return;
            }
            markRunning(c);
            executor.execute(() -> run(c, true));
        }
    }

    private BusyRanges busyRanges() {
        BusyRanges r = BusyRanges.none();
        for (Compaction c : running) {
            byte[] lo = null;
            byte[] hi = null;
            for (FileMetaData f : c.allFiles()) {
                lo = lo == null || Bytes.compare(f.smallestUserKey(), lo) < 0 ? f.smallestUserKey() : lo;
                hi = hi == null || Bytes.compare(f.largestUserKey(), hi) > 0 ? f.largestUserKey() : hi;
            }
            if (lo != null) {
                r.add(c.outputLevel(), lo, hi);
            }
        }
        return r;
    }

    private void markRunning(Compaction c) {
        running.add(c);
        for (FileMetaData f : c.allFiles()) {
            busyFiles.add(f.number());
        }
    }

    /** All of {@code level} into the next level (the last level into itself), in the caller's thread. */
    void compactLevel(int level) {
        runManual(() -> db.versions.current().files(level).isEmpty() ? null
                : picker.manual(db.versions.current(), level, busyFiles, busyRanges()),
                () -> db.versions.current().files(level).isEmpty());
    }

    /** Every level's files holding keys in {@code [start, end]} down to the bottom level, then the bottom in place. */
    void compactRange(byte[] start, byte[] end) {
        int bottom = 0;
        Version v = db.versions.current();
        for (int level = 1; level < v.numLevels(); level++) {
            if (!v.files(level).isEmpty()) {
                bottom = level;
            }
        }
        for (int level = 0; level < Math.max(1, bottom); level++) {
            int l = level;
            runManual(() -> ManualCompactions.pickRange(db.versions.current(), l, start, end, busyFiles, busyRanges(),
                    style.name()), () -> db.versions.current().overlapping(l, start, end).isEmpty());
        }
        if (bottom > 0) {
            // the bottom level is merged into itself, which drops what no snapshot needs
            int b = bottom;
            runManual(() -> ManualCompactions.pickInPlace(db.versions.current(), b, busyFiles, busyRanges(),
                    style.name()), () -> db.versions.current().overlapping(b, start, end).isEmpty());
        }
    }

    /** Waits until {@code pick} yields a compaction (or {@code nothingToDo}), then runs it in this thread. */
    private void runManual(Supplier<Compaction> pick, BooleanSupplier nothingToDo) {
        db.checkWritable();
        Compaction c;
        db.mutex.lock();
        try {
            while (true) {
                db.checkWritable();
                if (nothingToDo.getAsBoolean()) {
                    return;
                }
                c = pick.get();
                if (c != null) {
                    break;
                }
                db.awaitChange();
            }
            markRunning(c);
        } finally {
            db.mutex.unlock();
        }
        run(c, false);
        db.checkWritable();
    }

    /** One input file and nothing to merge with: the file can move down a level without a rewrite. */
    private static boolean isTrivialMove(Compaction c) {
        return c.inputs().size() == 1 && c.inputs().get(0).files().size() == 1
                && c.inputs().get(0).level() != c.outputLevel() && !c.reason().startsWith("manual");
    }

    private void run(Compaction c, boolean background) {
        CompactionJob.Result result = null;
        RuntimeException failure = null;
        Version v = db.versions.acquireCurrent();
        try {
            long smallestSnapshot = db.snapshots.oldest(db.lastSequence);
            // A level-0 output is one file: every L0 file is a sorted run of its own, so an output
            // split in two would count as two runs, and a tiered merge of those two would produce
            // two again, for ever.
            long targetFileSize = c.outputLevel() == 0 ? Long.MAX_VALUE : db.options.targetFileSize();
            SortedRunWriter out = new SortedRunWriter(db.directory(), db.tableOptions, targetFileSize,
                    db.versions::newFileNumber, db::addPendingOutput);
            result = isTrivialMove(c) ? CompactionJob.move(c)
                    : CompactionJob.run(c, v, db.tables, smallestSnapshot, out, () -> db.closing);
            if (result != null) {
                CrashPoints.reach(CrashPoints.COMPACTION_OUTPUTS_WRITTEN);
                db.versions.logAndApply(result.edit());
                db.stats.recordCompaction(result.stats());
                CrashPoints.reach(CrashPoints.COMPACTION_INSTALLED);
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            db.versions.release(v);
        }
        db.mutex.lock();
        try {
            running.remove(c);
            for (FileMetaData f : c.allFiles()) {
                busyFiles.remove(f.number());
            }
            if (result != null) {
                db.removePendingOutputs(result.outputs());
            }
            if (failure != null) {
                db.setBackgroundError(new StorageException("compaction of " + db.directory() + " failed: "
                        + failure.getMessage(), failure));
            }
            db.installSuperVersion();
            db.deleteObsoleteFiles();
            if (background) {
                maybeSchedule();
            }
            db.changed.signalAll();
        } finally {
            db.mutex.unlock();
        }
        if (failure != null && !background) {
            throw failure;
        }
    }

    /** Stops starting compactions; running ones see {@link Db#closing} and abandon their outputs. */
    void shutdown() {
        executor.shutdown();
    }

    void awaitTermination() throws InterruptedException {
        executor.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
    }
}
