package io.sediment.engine;

import io.sediment.engine.compaction.BusyRanges;
import io.sediment.engine.compaction.Compaction;
import io.sediment.engine.compaction.CompactionConfig;
import io.sediment.engine.compaction.CompactionJob;
import io.sediment.engine.compaction.CompactionPicker;
import io.sediment.engine.compaction.CompactionStats;
import io.sediment.engine.compaction.LeveledPicker;
import io.sediment.engine.compaction.ManualCompactions;
import io.sediment.engine.compaction.SortedRunWriter;
import io.sediment.engine.compaction.TieredPicker;
import io.sediment.engine.db.Checkpointer;
import io.sediment.engine.db.DbLock;
import io.sediment.engine.db.EngineStats;
import io.sediment.engine.db.Recovery;
import io.sediment.engine.db.SnapshotList;
import io.sediment.engine.db.SuperVersion;
import io.sediment.engine.db.UserIterator;
import io.sediment.engine.error.SedimentException;
import io.sediment.engine.error.StorageException;
import io.sediment.engine.memtable.LookupResult;
import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.sstable.BlockCache;
import io.sediment.engine.sstable.Compression;
import io.sediment.engine.sstable.TableOptions;
import io.sediment.engine.util.MergingIterator;
import io.sediment.engine.util.SeekingIterator;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.FileNames;
import io.sediment.engine.version.TableCache;
import io.sediment.engine.version.Version;
import io.sediment.engine.version.VersionEdit;
import io.sediment.engine.version.VersionSet;
import io.sediment.engine.wal.WalRecord;
import io.sediment.engine.wal.WalWriter;
import io.sediment.engine.key.InternalKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Sediment database: an ordered, durable map from byte-array keys to byte-array values, kept
 * as a log-structured merge tree in one directory.
 *
 * <p>Guarantees: writes (and {@link WriteBatch}es) are atomic and ordered; with
 * {@link WriteOptions#sync()} a write is on disk before it returns (concurrent synced writers share
 * one fsync); without it a machine crash may lose only a suffix of recent writes. Reads see every
 * write acknowledged before them; reads at a {@link Snapshot} see exactly the data as of it. After
 * a failed disk write the database refuses further writes with the same error (reads go on) until
 * it is reopened. Only one process may open a directory at a time.
 *
 * <p>Thread-safe: any number of threads may read and write concurrently.
 */
public final class Db implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Db.class.getName());
    private static final long MAX_GROUP_BYTES = 1 << 20;

    private final Path dir;
    private final Options options;
    private final DbLock lock;
    private final VersionSet versions;
    private final BlockCache blockCache;
    private final TableCache tables;
    private final TableOptions tableOptions;
    private final CompactionConfig compactionConfig;
    private final EngineStats stats = new EngineStats();
    private final SnapshotList snapshots = new SnapshotList();

    private final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when a writer finishes, a flush or compaction ends, or the database fails or closes. */
    private final Condition changed = mutex.newCondition();
    private final ArrayDeque<Writer> writers = new ArrayDeque<>();
    private final ArrayDeque<Immutable> immutables = new ArrayDeque<>(); // newest first
    private final Set<Long> pendingOutputs = new HashSet<>();
    private final Set<Long> busyFiles = new HashSet<>();
    private final List<Compaction> running = new ArrayList<>();
    private Memtable mem;
    private WalWriter wal;
    private long walNumber;
    private long memtablesSwitched;
    private long memtablesFlushed;
    private boolean flushScheduled;
    private volatile CompactionStyle style;
    private volatile CompactionPicker picker;
    private volatile SuperVersion superVersion;
    private volatile long lastSequence;
    private volatile RuntimeException backgroundError;
    private volatile boolean closing;
    private final ExecutorService flushExecutor;
    private final ExecutorService compactionExecutor;
    private final AtomicInteger openIterators = new AtomicInteger();

    private record Immutable(Memtable mem, long walNumber) {
    }

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

    private Db(Path dir, Options options) {
        this.dir = dir;
        this.options = options;
        this.lock = DbLock.acquire(dir.resolve(FileNames.LOCK));
        try {
            this.versions = VersionSet.recover(dir, options.numLevels());
            this.blockCache = new BlockCache(options.blockCacheBytes());
            this.tables = new TableCache(dir, options.maxOpenFiles(), blockCache);
            this.tableOptions = new TableOptions(options.blockSize(), options.blockRestartInterval(),
                    options.bloomBitsPerKey(), options.compression() ? Compression.LZ4 : Compression.NONE);
            this.compactionConfig = new CompactionConfig(options.numLevels(), options.level1TargetBytes(),
                    options.levelSizeRatio(), options.targetFileSize(), options.level0CompactionTrigger(),
                    options.tieredSizeRatioPercent(), options.tieredMinMergeWidth(),
                    options.tieredMaxSpaceAmplificationPercent());
            setPicker(options.compactionStyle());
            Recovery.Result r = new Recovery(dir, versions, tableOptions, options.writeBufferSize()).run();
            this.lastSequence = r.lastSequence();
            this.walNumber = r.walNumber();
            this.wal = r.wal();
            this.mem = new Memtable();
            this.flushExecutor = Executors.newSingleThreadExecutor(daemon("sediment-flush"));
            this.compactionExecutor = Executors.newFixedThreadPool(options.compactionThreads(),
                    daemon("sediment-compaction"));
            mutex.lock();
            try {
                installSuperVersion();
                deleteObsoleteFiles();
                maybeScheduleCompaction();
            } finally {
                mutex.unlock();
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        LOG.log(System.Logger.Level.DEBUG, "opened " + dir + " at sequence " + lastSequence + " with options "
                + options.describe());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Opens (creating if allowed and missing) the database in {@code dir}.
     *
     * @throws IllegalArgumentException for invalid options
     * @throws SedimentException if the directory is locked by another process, is not a database
     *         and creation is off, or its files are corrupt (a {@code CorruptionException})
     */
    public static Db open(Path dir, Options options) {
        Objects.requireNonNull(dir, "dir");
        Options o = Objects.requireNonNull(options, "options").copy();
        o.validate();
        try {
            if (!Files.isDirectory(dir)) {
                if (!o.createIfMissing()) {
                    throw new SedimentException("database directory " + dir + " does not exist (createIfMissing is off)");
                }
                Files.createDirectories(dir);
            } else if (!o.createIfMissing() && !Files.exists(dir.resolve(FileNames.CURRENT))) {
                throw new SedimentException("no database in " + dir + " (no CURRENT file; createIfMissing is off)");
            }
        } catch (IOException e) {
            throw new StorageException("cannot create database directory " + dir, e);
        }
        return new Db(dir, o);
    }

    // ---------------------------------------------------------------- writes

    public void put(byte[] key, byte[] value) {
        put(key, value, WriteOptions.defaults());
    }

    public void put(byte[] key, byte[] value, WriteOptions writeOptions) {
        write(new WriteBatch().put(checkKey(key), checkValue(value)), writeOptions);
    }

    public void delete(byte[] key) {
        delete(key, WriteOptions.defaults());
    }

    public void delete(byte[] key, WriteOptions writeOptions) {
        write(new WriteBatch().delete(checkKey(key)), writeOptions);
    }

    public void write(WriteBatch batch) {
        write(batch, WriteOptions.defaults());
    }

    /** Applies every operation of {@code batch} atomically, in order. */
    public void write(WriteBatch batch, WriteOptions writeOptions) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(writeOptions, "writeOptions");
        for (WriteBatch.Op op : batch.ops()) {
            checkKey(op.key());
            if (op.isPut()) {
                checkValue(op.value());
            }
        }
        if (batch.isEmpty()) {
            checkOpen();
            return;
        }
        writeInternal(batch, writeOptions.isSync());
    }

    private byte[] checkKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.length > options.maxKeySize()) {
            throw new IllegalArgumentException("key of " + key.length + " bytes exceeds maxKeySize "
                    + options.maxKeySize());
        }
        return key;
    }

    private byte[] checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null (use delete to remove a key)");
        }
        if (value.length > options.maxValueSize()) {
            throw new IllegalArgumentException("value of " + value.length + " bytes exceeds maxValueSize "
                    + options.maxValueSize());
        }
        return value;
    }

    private void checkOpen() {
        if (closing) {
            throw new IllegalStateException("database " + dir + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        RuntimeException e = backgroundError;
        if (e != null) {
            throw new StorageException("database " + dir + " is read-only after an earlier failure: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Group commit: writers queue up; the one at the head (the leader) writes its batch and those
     * of the writers behind it to the WAL with one write (and one fsync if any asked for it),
     * applies them to the memtable, then publishes the new sequence and wakes them.
     * {@code batch == null} asks the leader to switch the memtable (for {@link #flush()}).
     */
    private void writeInternal(WriteBatch batch, boolean sync) {
        Writer w = new Writer(batch, sync);
        mutex.lock();
        try {
            writers.addLast(w);
            while (!w.done && writers.peekFirst() != w) {
                changed.awaitUninterruptibly();
            }
            if (w.done) {
                if (w.error != null) {
                    throw w.error;
                }
                return;
            }
            Writer last = w;
            try {
                checkWritable();
                makeRoomForWrite(batch == null);
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
            changed.signalAll();
            if (w.error != null) {
                throw w.error;
            }
        } finally {
            mutex.unlock();
        }
    }

    /** REQUIRES: mutex held, {@code leader} at the head. Returns the last writer of the group. */
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
        long first = lastSequence + 1;
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
        Memtable target = mem;
        WalWriter log = wal;
        long walBefore = log.size();
        RuntimeException failure = null;
        mutex.unlock();
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
            mutex.lock();
        }
        if (failure != null) {
            StorageException err = new StorageException("write to " + log.path() + " failed; the database is now "
                    + "read-only: " + failure.getMessage(), failure);
            setBackgroundError(err);
            for (Writer x : group) {
                x.error = err;
            }
            return group.get(group.size() - 1);
        }
        lastSequence = seq - 1;
        stats.userBytesWritten.add(userBytes);
        stats.walBytesWritten.add(log.size() - walBefore);
        return group.get(group.size() - 1);
    }

    /** REQUIRES: mutex held, caller is the write leader. Ensures the memtable has room, stalling if needed. */
    private void makeRoomForWrite(boolean force) {
        boolean allowDelay = !force;
        while (true) {
            checkWritable();
            int level0 = superVersion.version.files(0).size();
            boolean compactionsOn = options.backgroundCompaction();
            if (allowDelay && compactionsOn && (level0 >= options.level0SlowdownTrigger()
                    || picker.pendingCompactionBytes(superVersion.version) >= options.pendingCompactionSlowdownBytes())) {
                long t0 = System.nanoTime();
                mutex.unlock();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    mutex.lock();
                }
                stats.recordStall(System.nanoTime() - t0);
                allowDelay = false;
                continue;
            }
            if (force ? mem.isEmpty() : mem.approximateBytes() < options.writeBufferSize()) {
                return;
            }
            if (immutables.size() >= options.maxImmutableMemtables()
                    || (compactionsOn && level0 >= options.level0StopTrigger())) {
                long t0 = System.nanoTime();
                awaitChange();
                stats.recordStall(System.nanoTime() - t0);
                continue;
            }
            switchMemtable();
            return;
        }
    }

    private void awaitChange() {
        try {
            changed.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SedimentException("interrupted while waiting for background work");
        }
    }

    /** REQUIRES: mutex held. Retires the memtable and its WAL (synced, so older WALs are never torn). */
    private void switchMemtable() {
        long number = versions.newFileNumber();
        WalWriter next;
        try {
            next = WalWriter.create(FileNames.wal(dir, number));
            wal.sync();
            wal.close();
        } catch (RuntimeException e) {
            setBackgroundError(e);
            throw e;
        }
        immutables.addFirst(new Immutable(mem, walNumber));
        mem = new Memtable();
        wal = next;
        walNumber = number;
        memtablesSwitched++;
        installSuperVersion();
        scheduleFlush();
    }

    private void setBackgroundError(RuntimeException e) {
        if (backgroundError == null) {
            backgroundError = e;
            LOG.log(System.Logger.Level.ERROR, "database " + dir + " stops accepting writes", e);
        }
        changed.signalAll();
    }

    // ---------------------------------------------------------------- reads

    /** The value of {@code key}, or null if absent. */
    public byte[] get(byte[] key) {
        return get(key, null);
    }

    /** The value of {@code key} as of {@code snapshot} (null = now), or null if absent. */
    public byte[] get(byte[] key, Snapshot snapshot) {
        checkKey(key);
        checkOpen();
        long seq = snapshot == null ? lastSequence : snapshot.checkedSequence();
        SuperVersion sv = acquireSuperVersion();
        try {
            stats.gets.increment();
            LookupResult r = sv.mem.get(key, seq);
            for (Iterator<Memtable> it = sv.immutables.iterator(); r == null && it.hasNext(); ) {
                r = it.next().get(key, seq);
            }
            if (r == null) {
                r = sv.version.get(key, seq, tables, stats.tablesProbed::increment);
            }
            return r == null || r.isDeleted() ? null : r.value();
        } finally {
            sv.release();
        }
    }

    private SuperVersion acquireSuperVersion() {
        while (true) {
            SuperVersion sv = superVersion;
            if (sv.tryAcquire()) {
                return sv;
            }
            checkOpen(); // a released super-version that is never replaced means the database closed
        }
    }

    /** REQUIRES: mutex held. Publishes the current memtables and version to readers. */
    private void installSuperVersion() {
        List<Memtable> imms = new ArrayList<>();
        for (Immutable i : immutables) {
            imms.add(i.mem());
        }
        SuperVersion old = superVersion;
        superVersion = new SuperVersion(mem, imms, versions.acquireCurrent(), versions);
        if (old != null) {
            old.release();
        }
    }

    /** Iterates {@code [start, end)} (null = unbounded) as of now. */
    public DbIterator range(byte[] start, byte[] end) {
        return range(start, end, null);
    }

    /** Iterates {@code [start, end)} (null = unbounded) as of {@code snapshot} (null = now). */
    public DbIterator range(byte[] start, byte[] end, Snapshot snapshot) {
        checkOpen();
        long seq = snapshot == null ? lastSequence : snapshot.checkedSequence();
        SuperVersion sv = acquireSuperVersion();
        try {
            List<SeekingIterator> children = new ArrayList<>();
            children.add(sv.mem.iterator());
            for (Memtable m : sv.immutables) {
                children.add(m.iterator());
            }
            sv.version.addIterators(tables, children);
            UserIterator it = new UserIterator(new MergingIterator(children, InternalKey.COMPARATOR), seq,
                    start == null ? null : start.clone(), end == null ? null : end.clone());
            openIterators.incrementAndGet();
            DbIterator result = new DbIterator(it, () -> {
                openIterators.decrementAndGet();
                sv.release();
            });
            it.seekToFirst();
            return result;
        } catch (RuntimeException e) {
            sv.release();
            throw e;
        }
    }

    /** Pins the current state for consistent reads; close the snapshot when done. */
    public Snapshot snapshot() {
        checkOpen();
        return new Snapshot(snapshots, snapshots.add(lastSequence));
    }

    // ---------------------------------------------------------------- flush and compaction

    /** Writes the memtable to an SSTable now and returns when it (and older ones) are on disk. */
    public void flush() {
        checkWritable();
        writeInternal(null, false);
        mutex.lock();
        try {
            long target = memtablesSwitched;
            while (memtablesFlushed < target) {
                checkWritable();
                awaitChange();
            }
        } finally {
            mutex.unlock();
        }
    }

    /** REQUIRES: mutex held. */
    private void scheduleFlush() {
        if (!flushScheduled && !immutables.isEmpty() && !flushExecutor.isShutdown()) {
            flushScheduled = true;
            flushExecutor.execute(this::flushOldest);
        }
    }

    private void flushOldest() {
        Immutable imm;
        long nextLogNumber;
        mutex.lock();
        try {
            flushScheduled = false;
            imm = immutables.peekLast();
            if (imm == null || backgroundError != null) {
                return;
            }
            Iterator<Immutable> newer = immutables.descendingIterator();
            newer.next();
            nextLogNumber = newer.hasNext() ? newer.next().walNumber() : walNumber;
        } finally {
            mutex.unlock();
        }
        try {
            long start = System.currentTimeMillis();
            SortedRunWriter out = new SortedRunWriter(dir, tableOptions, Long.MAX_VALUE, versions::newFileNumber,
                    this::addPendingOutput);
            try (SeekingIterator it = imm.mem().iterator()) {
                for (it.seekToFirst(); it.valid(); it.next()) {
                    out.add(it.key(), it.value());
                }
            } catch (RuntimeException e) {
                out.abandon();
                throw e;
            }
            List<FileMetaData> files = out.finish();
            VersionEdit edit = new VersionEdit().logNumber(nextLogNumber).lastSequence(lastSequence);
            long bytes = 0;
            for (FileMetaData f : files) {
                edit.addFile(0, f);
                bytes += f.size();
            }
            versions.logAndApply(edit);
            stats.recordFlush(new CompactionStats(start, System.currentTimeMillis(), -1, 0, 0, files.size(), 0,
                    bytes, 0, "memtable full or flush requested", "FLUSH"));
            mutex.lock();
            try {
                immutables.removeLast();
                memtablesFlushed++;
                for (FileMetaData f : files) {
                    pendingOutputs.remove(f.number());
                }
                installSuperVersion();
                deleteObsoleteFiles();
                maybeScheduleCompaction();
                scheduleFlush();
                changed.signalAll();
            } finally {
                mutex.unlock();
            }
        } catch (RuntimeException e) {
            mutex.lock();
            try {
                setBackgroundError(new StorageException("flush of " + dir + " failed: " + e.getMessage(), e));
            } finally {
                mutex.unlock();
            }
        }
    }

    private void addPendingOutput(long number) {
        mutex.lock();
        try {
            pendingOutputs.add(number);
        } finally {
            mutex.unlock();
        }
    }

    /** The compaction style in use. */
    public CompactionStyle compactionStyle() {
        return style;
    }

    /** Switches the compaction style of the open database; the tree converges in the background. */
    public void setCompactionStyle(CompactionStyle newStyle) {
        Objects.requireNonNull(newStyle, "style");
        checkOpen();
        mutex.lock();
        try {
            setPicker(newStyle);
            maybeScheduleCompaction();
        } finally {
            mutex.unlock();
        }
    }

    private void setPicker(CompactionStyle s) {
        this.style = s;
        this.picker = s == CompactionStyle.LEVELED ? new LeveledPicker(compactionConfig)
                : new TieredPicker(compactionConfig);
    }

    /** REQUIRES: mutex held. Starts background compactions while there are free threads and work. */
    private void maybeScheduleCompaction() {
        if (closing || backgroundError != null || !options.backgroundCompaction()) {
            return;
        }
        while (running.size() < options.compactionThreads()) {
            Compaction c = picker.pick(versions.current(), busyFiles, busyRanges());
            if (c == null) {
                return;
            }
            markRunning(c);
            compactionExecutor.execute(() -> runCompaction(c, true));
        }
    }

    private BusyRanges busyRanges() {
        BusyRanges r = BusyRanges.none();
        for (Compaction c : running) {
            byte[] lo = null;
            byte[] hi = null;
            for (FileMetaData f : c.allFiles()) {
                lo = lo == null || io.sediment.engine.util.Bytes.compare(f.smallestUserKey(), lo) < 0 ? f.smallestUserKey() : lo;
                hi = hi == null || io.sediment.engine.util.Bytes.compare(f.largestUserKey(), hi) > 0 ? f.largestUserKey() : hi;
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

    /**
     * Compacts all of {@code level} into {@code level + 1} (the last level into itself), dropping
     * overwritten versions and tombstones no snapshot needs. Returns when done.
     */
    public void compact(int level) {
        if (level < 0 || level >= options.numLevels()) {
            throw new IllegalArgumentException("level must be in [0, " + (options.numLevels() - 1) + "], was " + level);
        }
        runManual(() -> versions.current().files(level).isEmpty() ? null
                : picker.manual(versions.current(), level, busyFiles, busyRanges()),
                () -> versions.current().files(level).isEmpty());
    }

    /**
     * Compacts every level's files that hold user keys in {@code [start, end]} (null = unbounded)
     * down, level by level, so that the range ends up in as few files and versions as possible.
     * Returns when done.
     */
    public void compactRange(byte[] start, byte[] end) {
        int bottom = 0;
        Version v = versions.current();
        for (int level = 1; level < v.numLevels(); level++) {
            if (!v.files(level).isEmpty()) {
                bottom = level;
            }
        }
        for (int level = 0; level < Math.max(1, bottom); level++) {
            int l = level;
            runManual(() -> ManualCompactions.pickRange(versions.current(), l, start, end, busyFiles, busyRanges(),
                    style.name()), () -> versions.current().overlapping(l, start, end).isEmpty());
        }
        if (bottom > 0) {
            // the bottom level is merged into itself, which drops what no snapshot needs
            int b = bottom;
            runManual(() -> ManualCompactions.pickInPlace(versions.current(), b, busyFiles, busyRanges(), style.name()),
                    () -> versions.current().overlapping(b, start, end).isEmpty());
        }
    }

    /** Waits until {@code pick} yields a compaction (or {@code nothingToDo}), then runs it in this thread. */
    private void runManual(java.util.function.Supplier<Compaction> pick, java.util.function.BooleanSupplier nothingToDo) {
        checkWritable();
        Compaction c;
        mutex.lock();
        try {
            while (true) {
                checkWritable();
                if (nothingToDo.getAsBoolean()) {
                    return;
                }
                c = pick.get();
                if (c != null) {
                    break;
                }
                awaitChange();
            }
            markRunning(c);
        } finally {
            mutex.unlock();
        }
        runCompaction(c, false);
        checkWritable();
    }

    /** One input file and nothing to merge with: the file can move down a level without a rewrite. */
    private static boolean isTrivialMove(Compaction c) {
        return c.inputs().size() == 1 && c.inputs().get(0).files().size() == 1
                && c.inputs().get(0).level() != c.outputLevel() && !c.reason().startsWith("manual");
    }

    private void runCompaction(Compaction c, boolean background) {
        CompactionJob.Result result = null;
        RuntimeException failure = null;
        Version v = versions.acquireCurrent();
        try {
            long smallestSnapshot = snapshots.oldest(lastSequence);
            SortedRunWriter out = new SortedRunWriter(dir, tableOptions, options.targetFileSize(),
                    versions::newFileNumber, this::addPendingOutput);
            result = isTrivialMove(c) ? CompactionJob.move(c) : CompactionJob.run(c, v, tables, smallestSnapshot,
                    out, () -> closing);
            if (result != null) {
                versions.logAndApply(result.edit());
                stats.recordCompaction(result.stats());
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            versions.release(v);
        }
        mutex.lock();
        try {
            running.remove(c);
            for (FileMetaData f : c.allFiles()) {
                busyFiles.remove(f.number());
            }
            if (result != null) {
                for (FileMetaData f : result.outputs()) {
                    pendingOutputs.remove(f.number());
                }
            }
            if (failure != null) {
                setBackgroundError(new StorageException("compaction of " + dir + " failed: " + failure.getMessage(),
                        failure));
            }
            installSuperVersion();
            deleteObsoleteFiles();
            if (background) {
                maybeScheduleCompaction();
            }
            changed.signalAll();
        } finally {
            mutex.unlock();
        }
        if (failure != null && !background) {
            throw failure;
        }
    }

    /** REQUIRES: mutex held. Deletes files no live version, memtable or running job needs. */
    private void deleteObsoleteFiles() {
        if (backgroundError != null) {
            // After a failed write we cannot know whether the last manifest edit reached the disk,
            // so a file that looks obsolete may be named by it: keep everything until reopen.
            return;
        }
        Set<Long> live = versions.liveTableNumbers();
        live.addAll(pendingOutputs);
        long minLog = versions.logNumber();
        long manifest = versions.manifestNumber();
        List<Path> entries;
        try (var stream = Files.list(dir)) {
            entries = stream.toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + dir + " to delete obsolete files", e);
            return;
        }
        for (Path p : entries) {
            FileNames.Parsed parsed = FileNames.parse(p.getFileName().toString());
            boolean obsolete = switch (parsed.kind()) {
                case TABLE -> !live.contains(parsed.number());
                case WAL -> parsed.number() < minLog && parsed.number() != walNumber;
                case MANIFEST -> parsed.number() != manifest;
                default -> false;
            };
            if (obsolete) {
                if (parsed.kind() == FileNames.Kind.TABLE) {
                    tables.evict(parsed.number());
                }
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot delete obsolete file " + p, e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- checkpoints and metrics

    /**
     * Writes a consistent copy of the database, as of this moment, into {@code target} (which must
     * not exist): SSTables are hard-linked where the file system allows and copied otherwise; the
     * memtables' contents are written as one new SSTable. Writes may continue meanwhile.
     */
    public void checkpoint(Path target) {
        Objects.requireNonNull(target, "target");
        checkOpen();
        long seq = lastSequence;
        SuperVersion sv = acquireSuperVersion();
        try {
            new Checkpointer(dir, tableOptions).write(target, sv, seq, options.numLevels());
        } finally {
            sv.release();
        }
    }

    /** A report of the engine's shape and counters; see {@link Metrics}. */
    public Metrics metrics() {
        return MetricsReport.build(this);
    }

    // package-private accessors for MetricsReport
    SuperVersion acquireForMetrics() {
        return acquireSuperVersion();
    }

    EngineStats stats() {
        return stats;
    }

    TableCache tables() {
        return tables;
    }

    CompactionPicker picker() {
        return picker;
    }

    Options options() {
        return options;
    }

    SnapshotList snapshots() {
        return snapshots;
    }

    long lastSequence() {
        return lastSequence;
    }

    int runningCompactions() {
        mutex.lock();
        try {
            return running.size();
        } finally {
            mutex.unlock();
        }
    }

    /** The directory this database lives in. */
    public Path directory() {
        return dir;
    }

    /**
     * Closes the database: waits for running writes, finishes pending flushes, stops compactions,
     * syncs and closes the WAL and releases the directory lock. Idempotent. Unflushed memtable data
     * is safe in the WAL and replayed on the next open.
     */
    @Override
    public void close() {
        mutex.lock();
        try {
            if (closing) {
                return;
            }
            while (!writers.isEmpty()) {
                awaitChange();
            }
            closing = true;
            changed.signalAll();
        } finally {
            mutex.unlock();
        }
        flushExecutor.shutdown();
        compactionExecutor.shutdown();
        try {
            flushExecutor.awaitTermination(10, TimeUnit.MINUTES);
            compactionExecutor.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mutex.lock();
        try {
            try {
                if (backgroundError == null) {
                    wal.sync();
                }
            } finally {
                wal.close();
                superVersion.release();
                versions.close();
                tables.close();
                lock.close();
            }
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public String toString() {
        return "Db{" + dir + "}";
    }
}
