package io.sediment.engine;

import io.sediment.engine.compaction.CompactionPicker;
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
import io.sediment.engine.version.VersionSet;
import io.sediment.engine.wal.WalWriter;
import io.sediment.engine.key.InternalKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    private final Path dir;
    final Options options;
    private final DbLock lock;
    final VersionSet versions;
    private final BlockCache blockCache;
    final TableCache tables;
    final TableOptions tableOptions;
    final EngineStats stats = new EngineStats();
    final SnapshotList snapshots = new SnapshotList();

    final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when a writer finishes, a flush or compaction ends, or the database fails or closes. */
    final Condition changed = mutex.newCondition();
    private final WriteQueue writeQueue = new WriteQueue(this);
    final Set<Long> pendingOutputs = new HashSet<>();
    Memtable mem;
    WalWriter wal;
    long walNumber;
    private volatile SuperVersion superVersion;
    volatile long lastSequence;
    volatile RuntimeException backgroundError;
    volatile boolean closing;
    private final FlushScheduler flushes;
    private final CompactionScheduler compactions;
    private final AtomicInteger openIterators = new AtomicInteger();



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
            Recovery.Result r = new Recovery(dir, versions, tableOptions, options.writeBufferSize()).run();
            this.lastSequence = r.lastSequence();
            this.walNumber = r.walNumber();
            this.wal = r.wal();
            this.mem = new Memtable(options.writeBufferSize());
            this.flushes = new FlushScheduler(this);
            this.compactions = new CompactionScheduler(this, options);
            mutex.lock();
            try {
                installSuperVersion();
                deleteObsoleteFiles();
                compactions.maybeSchedule();
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

    static java.util.concurrent.ThreadFactory daemon(String name) {
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
        writeQueue.write(batch, writeOptions.isSync());
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

    void checkOpen() {
        if (closing) {
            throw new IllegalStateException("database " + dir + " is closed");
        }
    }

    void checkWritable() {
        checkOpen();
        RuntimeException e = backgroundError;
        if (e != null) {
            throw new StorageException("database " + dir + " is read-only after an earlier failure: "
                    + e.getMessage(), e);
        }
    }

    private Version pendingFor;
    private Object pendingPicker;
    private long pendingBytes;

    /** REQUIRES: mutex held. The picker's compaction debt for {@code v}, computed once per version and style. */
    private long pendingCompactionBytes(Version v) {
        Object picker = compactions.picker();
        if (v != pendingFor || picker != pendingPicker) {
            pendingBytes = compactions.picker().pendingCompactionBytes(v);
            pendingFor = v;
            pendingPicker = picker;
        }
        return pendingBytes;
    }

    /** REQUIRES: mutex held, caller is the write leader. Ensures the memtable has room, stalling if needed. */
    void makeRoomForWrite(boolean force) {
        boolean allowDelay = !force;
        while (true) {
            checkWritable();
            int level0 = superVersion.version.files(0).size();
            boolean compactionsOn = options.backgroundCompaction();
            long pending = compactionsOn ? pendingCompactionBytes(superVersion.version) : 0;
            if (allowDelay && compactionsOn && (level0 >= options.level0SlowdownTrigger()
                    || pending >= options.pendingCompactionSlowdownBytes())) {
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
            if (flushes.waiting() >= options.maxImmutableMemtables() || (compactionsOn
                    && (level0 >= options.level0StopTrigger() || pending >= options.pendingCompactionStopBytes()))) {
                long t0 = System.nanoTime();
                awaitChange();
                stats.recordStall(System.nanoTime() - t0);
                continue;
            }
            switchMemtable();
            return;
        }
    }

    void awaitChange() {
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
        flushes.retire(mem, walNumber);
        mem = new Memtable(options.writeBufferSize());
        wal = next;
        walNumber = number;
        installSuperVersion();
    }

    void setBackgroundError(RuntimeException e) {
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
                r = sv.version.get(key, seq, sv.tables, stats.tablesProbed::increment);
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
    void installSuperVersion() {
        List<Memtable> imms = new ArrayList<>();
        imms.addAll(flushes.memtables());
        SuperVersion old = superVersion;
        superVersion = new SuperVersion(mem, imms, versions.acquireCurrent(), versions, tables);
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
            sv.version.addIterators(sv.tables, children);
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
        writeQueue.write(null, false);
        mutex.lock();
        try {
            long target = flushes.retiredCount();
            while (flushes.flushedCount() < target) {
                checkWritable();
                awaitChange();
            }
        } finally {
            mutex.unlock();
        }
    }

    /** REQUIRES: mutex held. The tree changed: maybe start compactions. */
    void compactionsChanged() {
        compactions.maybeSchedule();
    }

    /** REQUIRES: mutex held. Outputs now named by the manifest no longer need protection. */
    void removePendingOutputs(List<FileMetaData> files) {
        for (FileMetaData f : files) {
            pendingOutputs.remove(f.number());
        }
    }

    void addPendingOutput(long number) {
        mutex.lock();
        try {
            pendingOutputs.add(number);
        } finally {
            mutex.unlock();
        }
    }

    /** The compaction style in use. */
    public CompactionStyle compactionStyle() {
        return compactions.style();
    }

    /** Switches the compaction style of the open database; the tree converges in the background. */
    public void setCompactionStyle(CompactionStyle newStyle) {
        Objects.requireNonNull(newStyle, "style");
        checkOpen();
        mutex.lock();
        try {
            compactions.setStyle(newStyle);
            compactions.maybeSchedule();
        } finally {
            mutex.unlock();
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
        compactions.compactLevel(level);
    }

    /**
     * Compacts every level's files that hold user keys in {@code [start, end]} (null = unbounded)
     * down, level by level, and finally the bottom level in place, so that the range ends up in as
     * few files and versions as possible. Returns when done.
     */
    public void compactRange(byte[] start, byte[] end) {
        compactions.compactRange(start == null ? null : start.clone(), end == null ? null : end.clone());
    }

    /** REQUIRES: mutex held. Deletes files no live version, memtable or running job needs. */
    void deleteObsoleteFiles() {
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

    CompactionPicker picker() {
        return compactions.picker();
    }

    int openIterators() {
        return openIterators.get();
    }

    int runningCompactions() {
        mutex.lock();
        try {
            return compactions.runningCount();
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
            while (!writeQueue.isEmpty()) {
                awaitChange();
            }
            closing = true;
            changed.signalAll();
        } finally {
            mutex.unlock();
        }
        flushes.shutdown();
        compactions.shutdown();
        try {
            flushes.awaitTermination();
            compactions.awaitTermination();
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
