package io.sediment.engine;

import java.util.List;
import java.util.Map;

/**
 * A point-in-time report of the engine's shape and work, as plain data (the SQL layer turns it
 * into {@code SYS} tables). Amplification definitions:
 * <ul>
 *   <li>write amplification = bytes written to SSTables by flushes and compactions / bytes of
 *       keys and values written by users (the WAL is reported apart as {@code walBytesWritten});</li>
 *   <li>read amplification = SSTables probed (past the bloom filter) per point lookup, averaged;
 *       {@code blocksReadPerGet} counts data blocks read from disk per lookup;</li>
 *   <li>space amplification = bytes of all live SSTables / bytes of the deepest non-empty level
 *       (what the tree would occupy fully compacted; 1.0 is ideal).</li>
 * </ul>
 * {@code openIterators} counts range iterators not yet closed: each pins the memtables and files
 * it reads, so a count that only grows is a leak in the caller.
 */
public record Metrics(
        List<LevelInfo> levels,
        List<TableInfo> tables,
        long compactionBytesRead,
        long compactionBytesWritten,
        double compactionBytesPerSecond,
        long compactionCount,
        long flushCount,
        long flushBytesWritten,
        long pendingCompactionBytes,
        int runningCompactions,
        double writeAmplification,
        double readAmplification,
        double blocksReadPerGet,
        double spaceAmplification,
        long userBytesWritten,
        long walBytesWritten,
        long gets,
        long stallCount,
        long stallMillis,
        long blockCacheHits,
        long blockCacheMisses,
        long tableCacheHits,
        long tableCacheMisses,
        long memtableBytes,
        int immutableMemtables,
        long lastSequence,
        int openIterators,
        String compactionStyle,
        List<CompactionInfo> recentCompactions,
        List<SnapshotInfo> snapshots,
        Map<String, String> options) {

    /** One level: its files and bytes, and the size it aims for (0 when not applicable). */
    public record LevelInfo(int level, int files, long bytes, long targetBytes) {
    }

    /** One live SSTable. Keys are user keys. */
    public record TableInfo(int level, long number, String file, long size, long entries, byte[] smallestKey,
                            byte[] largestKey, long smallestSequence, long largestSequence) {
    }

    /** One finished flush or compaction; {@code inputLevel} is -1 for a flush. */
    public record CompactionInfo(long startMillis, long endMillis, int inputLevel, int outputLevel, int inputFiles,
                                 int outputFiles, long bytesRead, long bytesWritten, long entriesDropped,
                                 String reason, String style) {
    }

    /** One open snapshot. */
    public record SnapshotInfo(long id, long sequence, long createdMillis) {
    }

    public double blockCacheHitRate() {
        long total = blockCacheHits + blockCacheMisses;
        return total == 0 ? 0 : (double) blockCacheHits / total;
    }

    public double tableCacheHitRate() {
        long total = tableCacheHits + tableCacheMisses;
        return total == 0 ? 0 : (double) tableCacheHits / total;
    }
}
