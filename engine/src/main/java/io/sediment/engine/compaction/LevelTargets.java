package io.sediment.engine.compaction;

import io.sediment.engine.version.Version;

/**
 * The leveled shape of one tree: which level L0 compacts into (the <em>base level</em>), how big
 * each level may grow, and how far over that each level is. Computed from the config and the
 * sizes of the levels of one {@link Version}.
 *
 * <p><b>Static targets</b> ({@code dynamicLevelBytes} off; LevelDB): the base level is L1 and
 * <pre>
 *   target(1)   = level1TargetBytes
 *   target(n+1) = target(n) * levelSizeRatio          (saturating at Long.MAX_VALUE)
 * </pre>
 *
 * <p><b>Dynamic targets</b> ({@code dynamicLevelBytes} on; RocksDB's
 * {@code level_compaction_dynamic_level_bytes}): sized from the bottom, so that the last level
 * holds about {@code ratio / (ratio + 1)} of the data whatever the total. With {@code S} the size of
 * the biggest level {@code >= 1} (normally the last), {@code last} the last level, and
 * {@code base = level1TargetBytes}:
 * <pre>
 *   chain(n)  = S / ratio^(last - n)                    the target of n if the last level held S
 *   ideal     = the deepest n >= 1 with chain(n) &lt;= base (1 if none; last if the tree is empty)
 *   baseLevel = min(ideal, first non-empty level >= 1)  L0 compacts straight into it
 *   target(n) = max(chain(n), base)                      for ideal &lt;= n
 *   target(n) = 0                                        for 1 &lt;= n &lt; ideal: such levels stay empty
 * </pre>
 * Levels above {@code ideal} would have targets under {@code base / ratio}; they are kept empty
 * (no level is given a target under {@code base}, so upper levels never end up smaller than L0).
 * Data found there — left by the tiered style, by static targets, or by a tree that shrank — is
 * <em>drained</em>: such a level scores at least 1 and moves down one level per compaction until
 * it is empty. The base level is never below a non-empty level: L0's data is newer than
 * everything in levels {@code >= 1}, so it may only land above all of it.
 *
 * <p>Scores (both modes); a score of 1 or more means the level should be compacted:
 * <pre>
 *   score(L0)        = L0 file count / level0CompactionTrigger
 *   score(n)         = levelBytes(n) / target(n)              base &lt;= n &lt; last, target > 0
 *   score(draining)  = max(1, levelBytes(n) / base)           1 &lt;= n &lt; ideal, level not empty
 *   score(last) = 0, and 0 for an empty level above the base level
 * </pre>
 * Used by {@link LeveledPicker} and by anything that reports the shape of the tree (metrics,
 * system tables). Immutable; thread-safe.
 */
public final class LevelTargets {
    private final CompactionConfig config;
    private final int baseLevel;
    private final int idealBaseLevel;
    private final long[] targets;
    private final long[] levelBytes;
    private final int level0Files;

    private LevelTargets(CompactionConfig config, Version version, int baseLevel, int idealBaseLevel,
                         long[] targets, long[] levelBytes) {
        this.config = config;
        this.baseLevel = baseLevel;
        this.idealBaseLevel = idealBaseLevel;
        this.targets = targets;
        this.levelBytes = levelBytes;
        this.level0Files = version.files(0).size();
    }

    /** The targets of {@code version} under {@code config}. */
    public static LevelTargets of(CompactionConfig config, Version version) {
        int levels = version.numLevels();
        long[] bytes = new long[levels];
        for (int level = 0; level < levels; level++) {
            bytes[level] = version.levelBytes(level);
        }
        long base = Math.max(1, config.level1TargetBytes());
        long ratio = Math.max(1, config.levelSizeRatio());
        long[] targets = new long[levels];
        int last = levels - 1;
        if (!config.dynamicLevelBytes() || last < 1) {
            long target = base;
            for (int level = 1; level < levels; level++) {
                targets[level] = target;
                target = saturatedMultiply(target, ratio);
            }
            return new LevelTargets(config, version, 1, 1, targets, bytes);
        }
        long biggest = 0;
        int firstNonEmpty = last;
        for (int level = last; level >= 1; level--) {
            biggest = Math.max(biggest, bytes[level]);
            if (bytes[level] > 0) {
                firstNonEmpty = level;
            }
        }
        long[] chain = new long[levels];
        chain[last] = biggest;
        for (int level = last - 1; level >= 1; level--) {
            chain[level] = chain[level + 1] / ratio;
        }
        int ideal = last;
        while (ideal > 1 && chain[ideal] > base) {
            ideal--;
        }
        for (int level = ideal; level <= last; level++) {
            targets[level] = Math.max(chain[level], base);
        }
        return new LevelTargets(config, version, Math.min(ideal, firstNonEmpty), ideal, targets, bytes);
    }

    /** The level L0 compacts into: 1 with static targets; with dynamic ones, as in the class comment. */
    public int baseLevel() {
        return baseLevel;
    }

    /**
     * Target size of {@code level} in bytes; 0 for a level that should be empty (above the
     * ideal base level, dynamic targets only).
     *
     * @throws IllegalArgumentException if {@code level} is 0 (triggered by file count) or not a level
     */
    public long targetBytes(int level) {
        if (level < 1 || level >= targets.length) {
            throw new IllegalArgumentException("level " + level + " has no byte target (level 0 is triggered by"
                    + " file count; the tree has levels 0.." + (targets.length - 1) + ")");
        }
        return targets[level];
    }

    /** True if {@code level} holds data but should be empty, so it moves down whatever its size. */
    public boolean draining(int level) {
        return level >= 1 && level < idealBaseLevel && levelBytes[level] > 0;
    }

    /** Compaction score of {@code level}, as in the class comment. */
    public double score(int level) {
        int last = targets.length - 1;
        if (level == 0) {
            return last == 0 ? 0 : (double) level0Files / Math.max(1, config.level0CompactionTrigger());
        }
        if (level >= last) {
            return 0;
        }
        if (draining(level)) {
            return Math.max(1.0, (double) levelBytes[level] / Math.max(1, config.level1TargetBytes()));
        }
        return targets[level] == 0 ? 0 : (double) levelBytes[level] / targets[level];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LevelTargets{base L").append(baseLevel);
        for (int level = 1; level < targets.length; level++) {
            sb.append(", L").append(level).append(' ').append(LeveledPicker.formatBytes(targets[level]));
        }
        return sb.append('}').toString();
    }

    /** {@code a * b} for non-negative operands, or Long.MAX_VALUE if that overflows. */
    static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** {@code a + b} for non-negative operands, or Long.MAX_VALUE if that overflows. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
