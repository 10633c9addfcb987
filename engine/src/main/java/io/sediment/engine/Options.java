package io.sediment.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of the engine, each with its default, in one place. {@link #defaults()} serves
 * a general workload; the fluent setters tune it. {@link Db#open} validates the options (a bad
 * value is an {@link IllegalArgumentException} naming the option) and copies them, so changing an
 * {@code Options} object later does not affect an open database. {@link #describe()} lists them for
 * logs and {@code SYS.OPTIONS}. See docs/tuning.md for how to choose values.
 */
public final class Options implements Cloneable {
    private long writeBufferSize = 64L << 20;
    private int maxImmutableMemtables = 2;
    private int blockSize = 4096;
    private int blockRestartInterval = 16;
    private int bloomBitsPerKey = 10;
    private boolean compression = true;
    private long blockCacheBytes = 64L << 20;
    private int maxOpenFiles = 1000;
    private int numLevels = 7;
    private long level1TargetBytes = 256L << 20;
    private int levelSizeRatio = 10;
    private boolean dynamicLevelBytes = true;
    private long targetFileSize = 64L << 20;
    private int level0CompactionTrigger = 4;
    private int level0SlowdownTrigger = 20;
    private int level0StopTrigger = 36;
    private long pendingCompactionSlowdownBytes = 64L << 30;
    private long pendingCompactionStopBytes = 256L << 30;
    private CompactionStyle compactionStyle = CompactionStyle.LEVELED;
    private int tieredSizeRatioPercent = 1;
    private int tieredMinMergeWidth = 2;
    private int tieredMaxSpaceAmplificationPercent = 200;
    private int compactionThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private int maxKeySize = 64 << 10;
    private int maxValueSize = 256 << 20;
    private boolean createIfMissing = true;
    private boolean backgroundCompaction = true;

    /** Settings that serve a general workload. */
    public static Options defaults() {
        return new Options();
    }

    /** Bytes of writes collected in the memtable before it is switched out and flushed. Default 64 MiB. */
    public Options writeBufferSize(long bytes) {
        this.writeBufferSize = bytes;
        return this;
    }

    /** Full memtables that may wait for flush before writers stall. Default 2. */
    public Options maxImmutableMemtables(int n) {
        this.maxImmutableMemtables = n;
        return this;
    }

    /** Target uncompressed size of an SSTable data block. Default 4 KiB. */
    public Options blockSize(int bytes) {
        this.blockSize = bytes;
        return this;
    }

    /** Keys between restart points in a block (prefix compression resets there). Default 16. */
    public Options blockRestartInterval(int n) {
        this.blockRestartInterval = n;
        return this;
    }

    /** Bloom filter bits per key; 0 disables filters. Default 10 (about 1% false positives). */
    public Options bloomBitsPerKey(int bits) {
        this.bloomBitsPerKey = bits;
        return this;
    }

    /** LZ4-compress data blocks where it saves at least 12.5%. Default on. */
    public Options compression(boolean on) {
        this.compression = on;
        return this;
    }

    /** Bytes of decoded blocks kept in the shared block cache; 0 disables it. Default 64 MiB. */
    public Options blockCacheBytes(long bytes) {
        this.blockCacheBytes = bytes;
        return this;
    }

    /** SSTables kept open at once (table cache). Default 1000. */
    public Options maxOpenFiles(int n) {
        this.maxOpenFiles = n;
        return this;
    }

    /** Number of levels, L0 included. Default 7. */
    public Options numLevels(int n) {
        this.numLevels = n;
        return this;
    }

    /**
     * Leveled style: target size of level 1, level n+1 targeting sizeRatio times level n; with
     * {@link #dynamicLevelBytes} the target of the base level (the level L0 compacts into). Default 256 MiB.
     */
    public Options level1TargetBytes(long bytes) {
        this.level1TargetBytes = bytes;
        return this;
    }

    /** Size ratio between adjacent levels (leveled style). Default 10. */
    public Options levelSizeRatio(int ratio) {
        this.levelSizeRatio = ratio;
        return this;
    }

    /**
     * Leveled style: size the levels from the bottom up (RocksDB's
     * {@code level_compaction_dynamic_level_bytes}): the last level's target is its actual size,
     * each level above is sizeRatio times smaller, levels that would fall under
     * {@code level1TargetBytes / sizeRatio} stay empty, and L0 compacts straight into the first
     * level that holds data. The last level then holds about 90% of the data at any size (ratio 10),
     * which bounds space amplification. Off: fixed targets from level 1 down. Default on.
     */
    public Options dynamicLevelBytes(boolean on) {
        this.dynamicLevelBytes = on;
        return this;
    }

    /** Compaction output files are cut at about this size. Default 64 MiB. */
    public Options targetFileSize(long bytes) {
        this.targetFileSize = bytes;
        return this;
    }

    /** Level-0 files (sorted runs) that trigger a compaction of level 0. Default 4. */
    public Options level0CompactionTrigger(int n) {
        this.level0CompactionTrigger = n;
        return this;
    }

    /** Level-0 files at which each write is delayed by a millisecond. Default 20. */
    public Options level0SlowdownTrigger(int n) {
        this.level0SlowdownTrigger = n;
        return this;
    }

    /** Level-0 files at which writes stop until compaction catches up. Default 36. */
    public Options level0StopTrigger(int n) {
        this.level0StopTrigger = n;
        return this;
    }

    /** Estimated compaction debt at which writes are delayed. Default 64 GiB. */
    public Options pendingCompactionSlowdownBytes(long bytes) {
        this.pendingCompactionSlowdownBytes = bytes;
        return this;
    }

    /** Estimated compaction debt at which writes stop. Default 256 GiB. */
    public Options pendingCompactionStopBytes(long bytes) {
        this.pendingCompactionStopBytes = bytes;
        return this;
    }

    /** Leveled or tiered compaction; can be switched on an open database. Default LEVELED. */
    public Options compactionStyle(CompactionStyle style) {
        this.compactionStyle = style;
        return this;
    }

    /** Tiered: runs whose sizes differ by at most this percent count as similar. Default 1 (as RocksDB universal). */
    public Options tieredSizeRatioPercent(int percent) {
        this.tieredSizeRatioPercent = percent;
        return this;
    }

    /** Tiered: fewest runs merged at once. Default 2 (as RocksDB universal). */
    public Options tieredMinMergeWidth(int n) {
        this.tieredMinMergeWidth = n;
        return this;
    }

    /** Tiered: when all runs but the oldest exceed this percent of the oldest, merge everything. Default 200. */
    public Options tieredMaxSpaceAmplificationPercent(int percent) {
        this.tieredMaxSpaceAmplificationPercent = percent;
        return this;
    }

    /** Background compaction threads. Default: half the processors, at least 1. */
    public Options compactionThreads(int n) {
        this.compactionThreads = n;
        return this;
    }

    /** Largest accepted key. Default 64 KiB. */
    public Options maxKeySize(int bytes) {
        this.maxKeySize = bytes;
        return this;
    }

    /** Largest accepted value. Default 256 MiB. */
    public Options maxValueSize(int bytes) {
        this.maxValueSize = bytes;
        return this;
    }

    /** Create the database if the directory has none. Default true. */
    public Options createIfMissing(boolean on) {
        this.createIfMissing = on;
        return this;
    }

    /** Run compactions automatically in the background (off: only on request). Default true. */
    public Options backgroundCompaction(boolean on) {
        this.backgroundCompaction = on;
        return this;
    }

    public long writeBufferSize() {
        return writeBufferSize;
    }

    public int maxImmutableMemtables() {
        return maxImmutableMemtables;
    }

    public int blockSize() {
        return blockSize;
    }

    public int blockRestartInterval() {
        return blockRestartInterval;
    }

    public int bloomBitsPerKey() {
        return bloomBitsPerKey;
    }

    public boolean compression() {
        return compression;
    }

    public long blockCacheBytes() {
        return blockCacheBytes;
    }

    public int maxOpenFiles() {
        return maxOpenFiles;
    }

    public int numLevels() {
        return numLevels;
    }

    public long level1TargetBytes() {
        return level1TargetBytes;
    }

    public int levelSizeRatio() {
        return levelSizeRatio;
    }

    public boolean dynamicLevelBytes() {
        return dynamicLevelBytes;
    }

    public long targetFileSize() {
        return targetFileSize;
    }

    public int level0CompactionTrigger() {
        return level0CompactionTrigger;
    }

    public int level0SlowdownTrigger() {
        return level0SlowdownTrigger;
    }

    public int level0StopTrigger() {
        return level0StopTrigger;
    }

    public long pendingCompactionSlowdownBytes() {
        return pendingCompactionSlowdownBytes;
    }

    public long pendingCompactionStopBytes() {
        return pendingCompactionStopBytes;
    }

    public CompactionStyle compactionStyle() {
        return compactionStyle;
    }

    public int tieredSizeRatioPercent() {
        return tieredSizeRatioPercent;
    }

    public int tieredMinMergeWidth() {
        return tieredMinMergeWidth;
    }

    public int tieredMaxSpaceAmplificationPercent() {
        return tieredMaxSpaceAmplificationPercent;
    }

    public int compactionThreads() {
        return compactionThreads;
    }

    public int maxKeySize() {
        return maxKeySize;
    }

    public int maxValueSize() {
        return maxValueSize;
    }

    public boolean createIfMissing() {
        return createIfMissing;
    }

    public boolean backgroundCompaction() {
        return backgroundCompaction;
    }

    /** Checks every option; throws IllegalArgumentException naming the first bad one. */
    public void validate() {
        check(writeBufferSize >= 4096, "writeBufferSize must be at least 4096 bytes, was " + writeBufferSize);
        check(maxImmutableMemtables >= 1, "maxImmutableMemtables must be at least 1, was " + maxImmutableMemtables);
        check(blockSize >= 64 && blockSize <= (64 << 20), "blockSize must be in [64, 64 MiB], was " + blockSize);
        check(blockRestartInterval >= 1, "blockRestartInterval must be at least 1, was " + blockRestartInterval);
        check(bloomBitsPerKey >= 0 && bloomBitsPerKey <= 64, "bloomBitsPerKey must be in [0, 64], was " + bloomBitsPerKey);
        check(blockCacheBytes >= 0, "blockCacheBytes must be >= 0, was " + blockCacheBytes);
        check(maxOpenFiles >= 10, "maxOpenFiles must be at least 10, was " + maxOpenFiles);
        check(numLevels >= 2 && numLevels <= 20, "numLevels must be in [2, 20], was " + numLevels);
        check(level1TargetBytes >= 1024, "level1TargetBytes must be at least 1024, was " + level1TargetBytes);
        check(levelSizeRatio >= 2, "levelSizeRatio must be at least 2, was " + levelSizeRatio);
        check(targetFileSize >= 1024, "targetFileSize must be at least 1024, was " + targetFileSize);
        check(level0CompactionTrigger >= 1, "level0CompactionTrigger must be at least 1, was " + level0CompactionTrigger);
        check(level0SlowdownTrigger >= level0CompactionTrigger,
                "level0SlowdownTrigger must be >= level0CompactionTrigger, was " + level0SlowdownTrigger);
        check(level0StopTrigger >= level0SlowdownTrigger,
                "level0StopTrigger must be >= level0SlowdownTrigger, was " + level0StopTrigger);
        check(pendingCompactionStopBytes >= pendingCompactionSlowdownBytes,
                "pendingCompactionStopBytes must be >= pendingCompactionSlowdownBytes");
        check(compactionStyle != null, "compactionStyle must not be null");
        check(tieredSizeRatioPercent >= 0, "tieredSizeRatioPercent must be >= 0, was " + tieredSizeRatioPercent);
        check(tieredMinMergeWidth >= 2, "tieredMinMergeWidth must be at least 2, was " + tieredMinMergeWidth);
        check(tieredMaxSpaceAmplificationPercent >= 1, "tieredMaxSpaceAmplificationPercent must be >= 1");
        check(compactionThreads >= 1 && compactionThreads <= 64, "compactionThreads must be in [1, 64], was "
                + compactionThreads);
        check(maxKeySize >= 1 && maxKeySize <= (8 << 20), "maxKeySize must be in [1, 8 MiB], was " + maxKeySize);
        check(maxValueSize >= 0 && maxValueSize <= (256 << 20), "maxValueSize must be in [0, 256 MiB], was " + maxValueSize);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid option: " + message);
        }
    }

    /** Name → value of every option, in declaration order, for logs and {@code SYS.OPTIONS}. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("writeBufferSize", Long.toString(writeBufferSize));
        m.put("maxImmutableMemtables", Integer.toString(maxImmutableMemtables));
        m.put("blockSize", Integer.toString(blockSize));
        m.put("blockRestartInterval", Integer.toString(blockRestartInterval));
        m.put("bloomBitsPerKey", Integer.toString(bloomBitsPerKey));
        m.put("compression", compression ? "LZ4" : "NONE");
        m.put("blockCacheBytes", Long.toString(blockCacheBytes));
        m.put("maxOpenFiles", Integer.toString(maxOpenFiles));
        m.put("numLevels", Integer.toString(numLevels));
        m.put("level1TargetBytes", Long.toString(level1TargetBytes));
        m.put("levelSizeRatio", Integer.toString(levelSizeRatio));
        m.put("dynamicLevelBytes", Boolean.toString(dynamicLevelBytes));
        m.put("targetFileSize", Long.toString(targetFileSize));
        m.put("level0CompactionTrigger", Integer.toString(level0CompactionTrigger));
        m.put("level0SlowdownTrigger", Integer.toString(level0SlowdownTrigger));
        m.put("level0StopTrigger", Integer.toString(level0StopTrigger));
        m.put("pendingCompactionSlowdownBytes", Long.toString(pendingCompactionSlowdownBytes));
        m.put("pendingCompactionStopBytes", Long.toString(pendingCompactionStopBytes));
        m.put("compactionStyle", compactionStyle.name());
        m.put("tieredSizeRatioPercent", Integer.toString(tieredSizeRatioPercent));
        m.put("tieredMinMergeWidth", Integer.toString(tieredMinMergeWidth));
        m.put("tieredMaxSpaceAmplificationPercent", Integer.toString(tieredMaxSpaceAmplificationPercent));
        m.put("compactionThreads", Integer.toString(compactionThreads));
        m.put("maxKeySize", Integer.toString(maxKeySize));
        m.put("maxValueSize", Integer.toString(maxValueSize));
        m.put("createIfMissing", Boolean.toString(createIfMissing));
        m.put("backgroundCompaction", Boolean.toString(backgroundCompaction));
        return m;
    }

    /** An independent copy. */
    public Options copy() {
        try {
            return (Options) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
