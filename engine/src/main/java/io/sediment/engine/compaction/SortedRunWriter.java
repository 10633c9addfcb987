package io.sediment.engine.compaction;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.sstable.TableBuilder;
import io.sediment.engine.sstable.TableOptions;
import io.sediment.engine.sstable.TableSummary;
import io.sediment.engine.util.CrashPoints;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.FileNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongConsumer;

/**
 * Writes a sorted stream of internal entries as one sorted run: a sequence of SSTables, each cut
 * at about the target size, and only between two different user keys, so that no user key spans
 * two files of a level. Used by flush and by every compaction. Not thread-safe.
 */
public final class SortedRunWriter {
    private final Path dir;
    private final TableOptions tableOptions;
    private final long targetFileSize;
    private final LongSupplier newFileNumber;
    private final LongConsumer onNewFile;
    private final List<FileMetaData> finished = new ArrayList<>();
    private TableBuilder builder;
    private long number;
    private long bytes;
    private long smallestSeq;
    private long largestSeq;
    private byte[] lastKey;

    /**
     * @param newFileNumber allocates file numbers
     * @param onNewFile told each number before its file is created, so that the caller can protect
     *        it from obsolete-file deletion while the run is being written
     */
    public SortedRunWriter(Path dir, TableOptions tableOptions, long targetFileSize, LongSupplier newFileNumber,
                           LongConsumer onNewFile) {
        this.dir = dir;
        this.tableOptions = tableOptions;
        this.targetFileSize = targetFileSize;
        this.newFileNumber = newFileNumber;
        this.onNewFile = onNewFile;
    }

    /** Adds the next entry; REQUIRES: internal keys strictly increasing. */
    public void add(byte[] internalKey, byte[] value) {
        if (builder != null && bytes >= targetFileSize && InternalKey.compareUserKeys(lastKey, internalKey) != 0) {
            finishCurrent();
        }
        if (builder == null) {
            number = newFileNumber.getAsLong();
            onNewFile.accept(number);
            builder = new TableBuilder(FileNames.table(dir, number), tableOptions, InternalKey.COMPARATOR,
                    InternalKey::userKey);
            bytes = 0;
            smallestSeq = Long.MAX_VALUE;
            largestSeq = 0;
        }
        builder.add(internalKey, value);
        long seq = InternalKey.sequence(internalKey);
        smallestSeq = Math.min(smallestSeq, seq);
        largestSeq = Math.max(largestSeq, seq);
        bytes += internalKey.length + value.length;
        lastKey = internalKey;
    }

    private void finishCurrent() {
        TableSummary s = builder.finish();
        builder = null;
        finished.add(new FileMetaData(number, s.fileSize(), s.entryCount(), s.smallestKey(), s.largestKey(),
                smallestSeq, largestSeq));
        CrashPoints.reach(CrashPoints.OUTPUT_FILE_WRITTEN);
    }

    /** Finishes the last file (each file is fsynced) and returns all files written, in key order. */
    public List<FileMetaData> finish() {
        if (builder != null) {
            finishCurrent();
        }
        return finished;
    }

    /** Deletes every file written or being written. */
    public void abandon() {
        if (builder != null) {
            builder.abandon();
            builder = null;
        }
        for (FileMetaData f : finished) {
            try {
                java.nio.file.Files.deleteIfExists(FileNames.table(dir, f.number()));
            } catch (java.io.IOException ignored) {
                // removed as an orphan on next open
            }
        }
        finished.clear();
    }
}
