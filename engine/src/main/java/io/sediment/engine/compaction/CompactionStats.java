package io.sediment.engine.compaction;

/**
 * What one finished compaction (or flush) did, as plain data for metrics and the history table.
 *
 * @param startMillis wall-clock start
 * @param endMillis wall-clock end
 * @param inputLevel smallest input level ({@code -1} for a flush)
 * @param outputLevel level written
 * @param inputFiles files read
 * @param outputFiles files written
 * @param bytesRead bytes of input files
 * @param bytesWritten bytes of output files
 * @param entriesDropped shadowed versions and tombstones removed
 * @param reason why it ran
 * @param style compaction style, or "FLUSH"
 */
public record CompactionStats(long startMillis, long endMillis, int inputLevel, int outputLevel, int inputFiles,
                              int outputFiles, long bytesRead, long bytesWritten, long entriesDropped, String reason,
                              String style) {
}
