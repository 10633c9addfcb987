package io.sediment.engine.db;

import io.sediment.engine.compaction.SortedRunWriter;
import io.sediment.engine.error.StorageException;
import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.sstable.TableOptions;
import io.sediment.engine.util.SeekingIterator;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.FileNames;
import io.sediment.engine.version.Version;
import io.sediment.engine.version.VersionEdit;
import io.sediment.engine.version.VersionSet;
import io.sediment.engine.wal.WalReader;
import io.sediment.engine.wal.WalRecord;
import io.sediment.engine.wal.WalWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings a database directory back to a consistent state on open, after the manifest has been
 * read: removes half-written files, sets aside SSTables no version names (the output of an
 * interrupted flush or compaction), replays the WALs newer than the last flush into level-0
 * tables, and starts a fresh WAL. Loss after a crash is only ever a suffix: replay stops at the
 * first torn or corrupt record, and WALs after a damaged one are not applied.
 */
public final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    private final Path dir;
    private final VersionSet versions;
    private final TableOptions tableOptions;
    private final long writeBufferSize;

    /** What recovery hands to the opened database. */
    public record Result(long lastSequence, long walNumber, WalWriter wal) {
    }

    public Recovery(Path dir, VersionSet versions, TableOptions tableOptions, long writeBufferSize) {
        this.dir = dir;
        this.versions = versions;
        this.tableOptions = tableOptions;
        this.writeBufferSize = writeBufferSize;
    }

    public Result run() {
        List<Long> wals = new ArrayList<>();
        removeLeftovers(wals);
        wals.sort(Long::compare);
        long lastSequence = versions.lastSequence();
        Memtable mem = new Memtable(writeBufferSize);
        long[] maxSeq = {lastSequence};
        for (long number : wals) {
            Path file = FileNames.wal(dir, number);
            Memtable[] target = {mem};
            WalReader.ReplayResult r = WalReader.replay(file, batch -> {
                // Every record of a WAL at or after the log number is unflushed (or, after a crash
                // during an earlier recovery, flushed with the very same sequence: a harmless duplicate).
                for (WalRecord rec : batch) {
                    target[0].add(rec.sequence(), rec.isPut(), rec.key(), rec.value());
                }
                maxSeq[0] = Math.max(maxSeq[0], batch.get(batch.size() - 1).sequence());
                if (target[0].approximateBytes() >= writeBufferSize) {
                    flushToLevel0(target[0], maxSeq[0]);
                    target[0] = new Memtable(writeBufferSize);
                }
            });
            mem = target[0];
            if (r.problem() != null && number != wals.get(wals.size() - 1)) {
                LOG.log(System.Logger.Level.ERROR, "WAL " + file + " is damaged (" + r.problem()
                        + "); later WALs are not replayed so that recovered writes stay a prefix");
                break;
            }
        }
        lastSequence = maxSeq[0];
        if (!mem.isEmpty()) {
            flushToLevel0(mem, lastSequence);
        }
        long walNumber = versions.newFileNumber();
        WalWriter wal = WalWriter.create(FileNames.wal(dir, walNumber));
        versions.logAndApply(new VersionEdit().logNumber(walNumber).lastSequence(lastSequence));
        for (long number : wals) {
            try {
                Files.deleteIfExists(FileNames.wal(dir, number));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete replayed WAL " + number, e);
            }
        }
        return new Result(lastSequence, walNumber, wal);
    }

    /** Deletes temp files, sets aside orphan tables, collects the WALs to replay. */
    private void removeLeftovers(List<Long> walsToReplay) {
        Version v = versions.current();
        Set<Long> live = new HashSet<>();
        for (int level = 0; level < v.numLevels(); level++) {
            for (FileMetaData f : v.files(level)) {
                live.add(f.number());
                if (!Files.exists(FileNames.table(dir, f.number()))) {
                    throw new io.sediment.engine.error.CorruptionException("the manifest names table "
                            + FileNames.table(dir, f.number()) + " (level " + level + ") but the file is missing");
                }
            }
        }
        List<Path> entries;
        try (var stream = Files.list(dir)) {
            entries = stream.toList();
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir, e);
        }
        for (Path p : entries) {
            FileNames.Parsed parsed = FileNames.parse(p.getFileName().toString());
            try {
                switch (parsed.kind()) {
                    case TEMP -> Files.deleteIfExists(p);
                    case TABLE -> {
                        if (!live.contains(parsed.number())) {
                            setAside(p);
                        }
                    }
                    case WAL -> {
                        if (parsed.number() >= versions.logNumber()) {
                            walsToReplay.add(parsed.number());
                        } else {
                            Files.deleteIfExists(p);
                        }
                    }
                    default -> {
                    }
                }
            } catch (IOException e) {
                throw new StorageException("cannot clean up " + p, e);
            }
        }
    }

    /** Orphans are deleted when the manifest was read cleanly; otherwise kept in lost/ for inspection. */
    private void setAside(Path table) throws IOException {
        if (versions.manifestWasClean()) {
            LOG.log(System.Logger.Level.INFO, "removing orphan table " + table + " (interrupted flush or compaction)");
            Files.delete(table);
        } else {
            Path lost = dir.resolve("lost");
            Files.createDirectories(lost);
            LOG.log(System.Logger.Level.WARNING, "moving unreferenced table " + table + " to " + lost
                    + " because the manifest ended in a damaged record");
            Files.move(table, lost.resolve(table.getFileName()));
        }
    }

    private void flushToLevel0(Memtable mem, long lastSequence) {
        SortedRunWriter out = new SortedRunWriter(dir, tableOptions, Long.MAX_VALUE, versions::newFileNumber, n -> {
        });
        try (SeekingIterator it = mem.iterator()) {
            for (it.seekToFirst(); it.valid(); it.next()) {
                out.add(it.key(), it.value());
            }
        } catch (RuntimeException e) {
            out.abandon();
            throw e;
        }
        VersionEdit edit = new VersionEdit().lastSequence(lastSequence);
        for (FileMetaData f : out.finish()) {
            edit.addFile(0, f);
        }
        versions.logAndApply(edit);
    }
}
