package io.sediment.engine.db;

import io.sediment.engine.compaction.SortedRunWriter;
import io.sediment.engine.error.SedimentException;
import io.sediment.engine.error.StorageException;
import io.sediment.engine.key.InternalKey;
import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.sstable.TableOptions;
import io.sediment.engine.util.MergingIterator;
import io.sediment.engine.util.SeekingIterator;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.FileNames;
import io.sediment.engine.version.Version;
import io.sediment.engine.version.VersionEdit;
import io.sediment.engine.version.VersionSet;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a checkpoint: a directory that opens as a database holding exactly the data up to one
 * sequence number. Live SSTables are hard-linked (copied where links are not possible: another
 * file system); what the memtables hold up to that sequence becomes one new level-0 table; a fresh
 * manifest describes the whole. The checkpoint is built under a temporary name and renamed into
 * place, so a crash never leaves a half checkpoint under the requested name.
 */
public final class Checkpointer {
    private final Path dir;
    private final TableOptions tableOptions;

    public Checkpointer(Path dir, TableOptions tableOptions) {
        this.dir = dir;
        this.tableOptions = tableOptions;
    }

    /** REQUIRES: {@code sv} is held by the caller and contains every write up to {@code sequence}. */
    public void write(Path target, SuperVersion sv, long sequence, int numLevels) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            throw new SedimentException("checkpoint target " + abs + " already exists");
        }
        if (abs.startsWith(dir.toAbsolutePath().normalize())) {
            throw new SedimentException("checkpoint target " + abs + " must not be inside the database directory");
        }
        Path tmp = abs.resolveSibling(abs.getFileName() + ".checkpoint.tmp");
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            Version v = sv.version;
            VersionEdit edit = new VersionEdit().lastSequence(sequence).logNumber(0);
            long maxNumber = 0;
            for (int level = 0; level < v.numLevels(); level++) {
                for (FileMetaData f : v.files(level)) {
                    linkOrCopy(FileNames.table(dir, f.number()), FileNames.table(tmp, f.number()));
                    edit.addFile(level, f);
                    maxNumber = Math.max(maxNumber, f.number());
                }
            }
            long[] next = {maxNumber + 1};
            for (FileMetaData f : dumpMemtables(sv, sequence, tmp, next)) {
                edit.addFile(0, f);
            }
            try (VersionSet vs = VersionSet.recover(tmp, numLevels)) {
                vs.logAndApply(edit);
            }
            VersionSet.syncDirectory(tmp);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            VersionSet.syncDirectory(abs.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new SedimentException("checkpoint target " + abs + " already exists");
        } catch (IOException e) {
            throw new StorageException("checkpoint to " + abs + " failed: " + e.getMessage(), e);
        }
    }

    private List<FileMetaData> dumpMemtables(SuperVersion sv, long sequence, Path tmp, long[] next) {
        List<SeekingIterator> children = new ArrayList<>();
        children.add(sv.mem.iterator());
        for (Memtable m : sv.immutables) {
            children.add(m.iterator());
        }
        SortedRunWriter out = new SortedRunWriter(tmp, tableOptions, Long.MAX_VALUE, () -> next[0]++, n -> {
        });
        try (MergingIterator it = new MergingIterator(children, InternalKey.COMPARATOR)) {
            for (it.seekToFirst(); it.valid(); it.next()) {
                if (InternalKey.sequence(it.key()) <= sequence) {
                    out.add(it.key(), it.value());
                }
            }
        } catch (RuntimeException e) {
            out.abandon();
            throw e;
        }
        return out.finish();
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
