package io.sediment.engine.compaction;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.MergingIterator;
import io.sediment.engine.util.SeekingIterator;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.TableCache;
import io.sediment.engine.version.Version;
import io.sediment.engine.version.VersionEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Executes one {@link Compaction}: merges the input files newest-first into one sorted stream,
 * drops what no reader can see, writes the rest as a sorted run and describes the result as a
 * {@link VersionEdit} for the caller to install atomically through the manifest.
 *
 * <p>What is dropped ("snapshot stripes"): walking the versions of one user key from newest to
 * oldest, a version is dropped once a newer version of the same key is already visible to the
 * oldest open snapshot ({@code smallestSnapshot}) — no reader can reach past that one. A
 * tombstone is dropped when it is itself visible to every reader and no file older than the
 * output (deeper levels, or older level-0 runs not in this compaction) could hold the key, since
 * then there is nothing left for it to hide. Example, oldest snapshot at 15: versions
 * {@code k@20 PUT, k@12 DEL, k@8 PUT} keep {@code k@20} (newest) and {@code k@12} (what the
 * snapshot sees), drop {@code k@8}; with no snapshot open only {@code k@20} survives.
 *
 * <p>The job reads only immutable files and writes only new ones, so it runs without locks.
 */
public final class CompactionJob {
    /** The edit to install, the files written and the numbers for metrics. */
    public record Result(VersionEdit edit, List<FileMetaData> outputs, CompactionStats stats) {
    }

    private CompactionJob() {
    }

    /**
     * Runs {@code c} against {@code version} (which must contain every input).
     *
     * @param smallestSnapshot the oldest sequence any reader may still read at
     * @param cancelled polled between entries; when true the job abandons its outputs and returns null
     */
    public static Result run(Compaction c, Version version, TableCache tables, long smallestSnapshot,
                             SortedRunWriter out, BooleanSupplier cancelled) {
        long start = System.currentTimeMillis();
        List<SeekingIterator> children = new ArrayList<>();
        Set<Long> inputNumbers = new HashSet<>();
        long minInputSeq = Long.MAX_VALUE;
        for (Compaction.LevelInputs li : c.inputs()) {
            for (FileMetaData f : li.files()) {
                inputNumbers.add(f.number());
                minInputSeq = Math.min(minInputSeq, f.smallestSequence());
            }
            if (li.level() == 0) {
                for (FileMetaData f : li.files()) {
                    children.add(Version.runIterator(List.of(f), tables));
                }
            } else {
                children.add(Version.runIterator(li.files(), tables));
            }
        }
        OlderFiles older = new OlderFiles(version, c.outputLevel(), inputNumbers, minInputSeq);
        long dropped = 0;
        try (MergingIterator it = new MergingIterator(children, InternalKey.COMPARATOR)) {
            it.seekToFirst();
            byte[] currentUserKey = null;
            long lastSequenceForKey = Long.MAX_VALUE;
            long polled = 0;
            while (it.valid()) {
                if ((++polled & 1023) == 0 && cancelled.getAsBoolean()) {
                    out.abandon();
                    return null;
                }
                byte[] ikey = it.key();
                if (currentUserKey == null || InternalKey.compareUserKeys(ikey, currentUserKey) != 0) {
                    currentUserKey = ikey;
                    lastSequenceForKey = Long.MAX_VALUE;
                }
                long seq = InternalKey.sequence(ikey);
                boolean drop;
                if (lastSequenceForKey <= smallestSnapshot) {
                    drop = true;
                } else {
                    drop = InternalKey.kind(ikey) == InternalKey.KIND_DELETE && seq <= smallestSnapshot
                            && !older.mayContain(ikey);
                }
                lastSequenceForKey = seq;
                if (drop) {
                    dropped++;
                } else {
                    out.add(ikey, it.value());
                }
                it.next();
            }
        } catch (RuntimeException e) {
            out.abandon();
            throw e;
        }
        List<FileMetaData> outputs = out.finish();
        VersionEdit edit = new VersionEdit();
        long bytesRead = 0;
        for (Compaction.LevelInputs li : c.inputs()) {
            for (FileMetaData f : li.files()) {
                edit.deleteFile(li.level(), f.number());
                bytesRead += f.size();
            }
        }
        long bytesWritten = 0;
        for (FileMetaData f : outputs) {
            edit.addFile(c.outputLevel(), f);
            bytesWritten += f.size();
        }
        CompactionStats stats = new CompactionStats(start, System.currentTimeMillis(), c.startLevel(),
                c.outputLevel(), inputNumbers.size(), outputs.size(), bytesRead, bytesWritten, dropped, c.reason(),
                c.style());
        return new Result(edit, outputs, stats);
    }

    /**
     * A trivial move: the single input file is re-linked at the output level without being
     * rewritten (nothing at the output level overlaps it, so no merge is needed).
     * REQUIRES: exactly one input file, and the output level differs from its level.
     */
    public static Result move(Compaction c) {
        long now = System.currentTimeMillis();
        Compaction.LevelInputs in = c.inputs().get(0);
        FileMetaData f = in.files().get(0);
        VersionEdit edit = new VersionEdit().deleteFile(in.level(), f.number()).addFile(c.outputLevel(), f);
        CompactionStats stats = new CompactionStats(now, now, in.level(), c.outputLevel(), 1, 1, 0, 0, 0,
                c.reason() + " (trivial move)", c.style());
        return new Result(edit, List.of(), stats);
    }

    /** The files older than the compaction's output that are not part of it. */
    private static final class OlderFiles {
        private final List<FileMetaData> olderLevel0 = new ArrayList<>();
        private final List<List<FileMetaData>> deeperLevels = new ArrayList<>();

        OlderFiles(Version v, int outputLevel, Set<Long> inputs, long minInputSeq) {
            if (outputLevel == 0) {
                for (FileMetaData f : v.files(0)) {
                    if (!inputs.contains(f.number()) && f.largestSequence() < minInputSeq) {
                        olderLevel0.add(f);
                    }
                }
            }
            for (int level = Math.max(1, outputLevel + 1); level < v.numLevels(); level++) {
                List<FileMetaData> files = new ArrayList<>();
                for (FileMetaData f : v.files(level)) {
                    if (!inputs.contains(f.number())) {
                        files.add(f);
                    }
                }
                if (!files.isEmpty()) {
                    deeperLevels.add(files);
                }
            }
        }

        boolean mayContain(byte[] internalKey) {
            byte[] userKey = InternalKey.userKey(internalKey);
            for (FileMetaData f : olderLevel0) {
                if (f.overlapsUserRange(userKey, userKey)) {
                    return true;
                }
            }
            for (List<FileMetaData> level : deeperLevels) {
                if (Version.findFile(level, userKey) != null) {
                    return true;
                }
            }
            return false;
        }
    }
}
