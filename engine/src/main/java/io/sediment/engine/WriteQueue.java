package io.sediment.engine;

import io.sediment.engine.error.StorageException;
import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.wal.WalRecord;
import io.sediment.engine.wal.WalWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The write path's queue and group commit. Every write (a batch, or a request to switch the
 * memtable for a flush) waits in line; the writer at the head becomes the leader, makes room in
 * the memtable, and commits its own batch together with those queued behind it (up to 1 MiB) as
 * one WAL append — with one fsync if any of them asked for it — then applies them to the memtable,
 * publishes the new last sequence and wakes the others. So the WAL order is the commit order, a
 * batch is never split, and concurrent synced writers share fsyncs.
 *
 * <p>Thread-safety: guarded by the database mutex; the WAL append, fsync and memtable insertion
 * happen outside it, by the leader alone.
 */
final class WriteQueue {
    private static final long MAX_GROUP_BYTES = 1 << 20;

    /** One waiting write. */
    private static final class Writer {
        final WriteBatch batch;
        final boolean sync;
        boolean done;
        RuntimeException error;

        Writer(WriteBatch batch, boolean sync) {
            this.batch = batch;
            this.sync = sync;
        }
    }

    private final Db db;
    private final ArrayDeque<Writer> writers = new ArrayDeque<>();

    WriteQueue(Db db) {
        this.db = db;
    }

    /** REQUIRES: mutex held. */
    boolean isEmpty() {
        return writers.isEmpty();
    }

    /**
     * Group commit: writers queue up; the one at the head (the leader) writes its batch and those
     * of the writers behind it to the WAL with one write (and one fsync if any asked for it),
     * applies them to the memtable, then publishes the new sequence and wakes them.
     * {@code batch == null} asks the leader to switch the memtable (for {@link Db#flush()}).
     */
    void write(WriteBatch batch, boolean sync) {
        Writer w = new Writer(batch, sync);
        db.mutex.lock();
        try {
            writers.addLast(w);
            while (!w.done && writers.peekFirst() != w) {
                db.changed.awaitUninterruptibly();
            }
            if (w.done) {
                if (w.error != null) {
                    throw w.error;
                }
                return;
            }
            Writer last = w;
            try {
                db.checkWritable();
                db.makeRoomForWrite(batch == null);
                if (batch != null) {
                    last = commitGroup(w);
                }
            } catch (RuntimeException e) {
                w.error = e;
            }
            while (true) {
                Writer r = writers.pollFirst();
                if (r != w) {
                    r.error = w.error;
                    r.done = true;
                }
                if (r == last) {
                    break;
                }
            }
            db.changed.signalAll();
            if (w.error != null) {
                throw w.error;
            }
        } finally {
            db.mutex.unlock();
        }
    }

    /**
     * REQUIRES: db.mutex held, {@code leader} at the head. Commits the leader's batch and those of
     * the writers behind it that fit; returns the last writer of the group. On failure the leader's
     * {@code error} is set (and {@link #write} hands it to the whole group). A lone writer (the
     * common case with one writing thread) walks no queue and builds no group list.
     */
    private Writer commitGroup(Writer leader) {
        Writer last = leader;
        long bytes = leader.batch.approximateBytes();
        int ops = leader.batch.size();
        boolean groupSync = leader.sync;
        if (writers.size() > 1) {
            Iterator<Writer> it = writers.iterator();
            it.next();
            while (it.hasNext()) {
                Writer x = it.next();
                if (x.batch == null || (x.sync && !leader.sync) || bytes + x.batch.approximateBytes() > MAX_GROUP_BYTES) {
                    break;
                }
                last = x;
                bytes += x.batch.approximateBytes();
                ops += x.batch.size();
                groupSync |= x.sync;
            }
        }
        long first = db.lastSequence + 1;
        List<WalRecord> records = new ArrayList<>(ops);
        long userBytes = 0;
        if (last == leader) {
            userBytes = addRecords(leader.batch, first, records);
        } else {
            for (Writer x : writers) {
                userBytes += addRecords(x.batch, first, records);
                if (x == last) {
                    break;
                }
            }
        }
        Memtable target = db.mem;
        WalWriter log = db.wal;
        long walBefore = log.size();
        RuntimeException failure = null;
        db.mutex.unlock();
        try {
            log.append(records);
            if (groupSync) {
                log.sync();
            }
            for (int i = 0; i < records.size(); i++) {
                WalRecord r = records.get(i);
                target.add(r.sequence(), r.isPut(), r.key(), r.value());
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            db.mutex.lock();
        }
        if (failure != null) {
            StorageException err = new StorageException("write to " + log.path() + " failed; the database is now "
                    + "read-only: " + failure.getMessage(), failure);
            db.setBackgroundError(err);
            leader.error = err;
            return last;
        }
        db.lastSequence = first + records.size() - 1;
        db.stats.userBytesWritten.add(userBytes);
        db.stats.walBytesWritten.add(log.size() - walBefore);
        return last;
    }

    /** Appends a WAL record per operation of {@code batch}, numbered on from {@code first}; returns the user bytes. */
    private static long addRecords(WriteBatch batch, long first, List<WalRecord> records) {
        List<WriteBatch.Op> ops = batch.ops();
        long userBytes = 0;
        for (int i = 0; i < ops.size(); i++) {
            WriteBatch.Op op = ops.get(i);
            byte[] v = op.isPut() ? op.value() : EMPTY;
            records.add(new WalRecord(first + records.size(), op.isPut(), op.key(), v));
            userBytes += op.key().length + v.length;
        }
        return userBytes;
    }

    private static final byte[] EMPTY = new byte[0];
}
