package io.sediment.engine;

import io.sediment.engine.error.StorageException;
import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.wal.WalRecord;
import io.sediment.engine.wal.WalWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

    /** REQUIRES: db.mutex held, {@code leader} at the head. Returns the last writer of the group. */
    private Writer commitGroup(Writer leader) {
        List<Writer> group = new ArrayList<>();
        long bytes = 0;
        boolean groupSync = false;
        for (Writer x : writers) {
            if (x.batch == null || (x.sync && !leader.sync) || (bytes > 0 && bytes + x.batch.approximateBytes() > MAX_GROUP_BYTES)) {
                break;
            }
            group.add(x);
            bytes += x.batch.approximateBytes();
            groupSync |= x.sync;
        }
        long first = db.lastSequence + 1;
        List<WalRecord> records = new ArrayList<>();
        long seq = first;
        long userBytes = 0;
        for (Writer x : group) {
            for (WriteBatch.Op op : x.batch.ops()) {
                byte[] v = op.isPut() ? op.value() : new byte[0];
                records.add(new WalRecord(seq++, op.isPut(), op.key(), v));
                userBytes += op.key().length + v.length;
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
            for (WalRecord r : records) {
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
            for (Writer x : group) {
                x.error = err;
            }
            return group.get(group.size() - 1);
        }
        db.lastSequence = seq - 1;
        db.stats.userBytesWritten.add(userBytes);
        db.stats.walBytesWritten.add(log.size() - walBefore);
        return group.get(group.size() - 1);
    }
}
