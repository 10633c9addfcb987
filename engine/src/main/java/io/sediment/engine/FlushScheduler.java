package io.sediment.engine;

import io.sediment.engine.compaction.CompactionStats;
import io.sediment.engine.compaction.SortedRunWriter;
import io.sediment.engine.error.StorageException;
import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.util.CrashPoints;
import io.sediment.engine.util.SeekingIterator;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.VersionEdit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The full memtables waiting to be flushed, and the one background thread that flushes them,
 * oldest first, each into a level-0 SSTable. A flush installs the table and advances the
 * manifest's log number in one edit, so the memtable's WAL becomes obsolete exactly when its data
 * is durable in the table; then the memtable leaves the list.
 *
 * <p>Thread-safety: state is guarded by the database mutex; the table is written outside it.
 */
final class FlushScheduler {
    private record Immutable(Memtable mem, long walNumber) {
    }

    private final Db db;
    private final ArrayDeque<Immutable> immutables = new ArrayDeque<>(); // newest first
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Db.daemon("sediment-flush"));
    private long retired;
    private long flushed;
    private boolean scheduled;

    FlushScheduler(Db db) {
        this.db = db;
    }

    /** REQUIRES: mutex held. Queues a full memtable (whose WAL is {@code walNumber}) for flushing. */
    void retire(Memtable mem, long walNumber) {
        immutables.addFirst(new Immutable(mem, walNumber));
        retired++;
        schedule();
    }

    /** REQUIRES: mutex held. Memtables waiting for flush, newest first. */
    List<Memtable> memtables() {
        List<Memtable> out = new ArrayList<>(immutables.size());
        for (Immutable i : immutables) {
            out.add(i.mem());
        }
        return out;
    }

    /** REQUIRES: mutex held. */
    int waiting() {
        return immutables.size();
    }

    /** REQUIRES: mutex held. Memtables ever retired. */
    long retiredCount() {
        return retired;
    }

    /** REQUIRES: mutex held. Memtables ever flushed (a flush of the n-th retired one means all before it are done). */
    long flushedCount() {
        return flushed;
    }

    private void schedule() {
        if (!scheduled && !immutables.isEmpty() && !executor.isShutdown()) {
            scheduled = true;
            executor.execute(this::flushOldest);
        }
    }

    private void flushOldest() {
        Immutable imm;
        long nextLogNumber;
        db.mutex.lock();
        try {
            scheduled = false;
            imm = immutables.peekLast();
            if (imm == null || db.backgroundError != null) {
                return;
            }
            Iterator<Immutable> newer = immutables.descendingIterator();
            newer.next();
            nextLogNumber = newer.hasNext() ? newer.next().walNumber() : db.walNumber;
        } finally {
            db.mutex.unlock();
        }
        try {
            long start = System.currentTimeMillis();
            SortedRunWriter out = new SortedRunWriter(db.directory(), db.tableOptions, Long.MAX_VALUE,
                    db.versions::newFileNumber, db::addPendingOutput);
            try (SeekingIterator it = imm.mem().iterator()) {
                for (it.seekToFirst(); it.valid(); it.next()) {
                    out.add(it.key(), it.value());
                }
            } catch (RuntimeException e) {
                out.abandon();
                throw e;
            }
            List<FileMetaData> files = out.finish();
            VersionEdit edit = new VersionEdit().logNumber(nextLogNumber).lastSequence(db.lastSequence);
            long bytes = 0;
            for (FileMetaData f : files) {
                edit.addFile(0, f);
                bytes += f.size();
            }
            CrashPoints.reach(CrashPoints.FLUSH_TABLE_WRITTEN);
            db.versions.logAndApply(edit);
            db.stats.recordFlush(new CompactionStats(start, System.currentTimeMillis(), -1, 0, 0, files.size(), 0,
                    bytes, 0, "memtable full or flush requested", "FLUSH"));
            db.mutex.lock();
            try {
                immutables.removeLast();
                flushed++;
                db.removePendingOutputs(files);
                db.installSuperVersion();
                db.deleteObsoleteFiles();
                db.compactionsChanged();
                schedule();
                db.changed.signalAll();
            } finally {
                db.mutex.unlock();
            }
        } catch (RuntimeException e) {
            db.mutex.lock();
            try {
                db.setBackgroundError(new StorageException("flush of " + db.directory() + " failed: "
                        + e.getMessage(), e));
            } finally {
                db.mutex.unlock();
            }
        }
    }

    /** Finishes the flushes already queued, then stops. */
    void shutdown() {
        executor.shutdown();
    }

    void awaitTermination() throws InterruptedException {
        executor.awaitTermination(10, TimeUnit.MINUTES);
    }
}
