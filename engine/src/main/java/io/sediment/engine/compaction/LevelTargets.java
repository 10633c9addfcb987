package io.sediment.engine.compaction;

import io.sediment.engine.version.Version;

/**
 * The leveled shape: how big each level may grow and how far over that each level is.
 *
 * <pre>
 *   target(1)   = level1TargetBytes
 *   target(n+1) = target(n) * levelSizeRatio          (saturating at Long.MAX_VALUE)
 *
 *   score(L0)   = L0 file count / level0CompactionTrigger
 *   score(Ln)   = levelBytes(n) / target(n)            for 1 <= n < last level
 *   score(last) = 0                                    (the last level has nowhere to go)
 * </pre>
 *
 * A score of 1 or more means the level should be compacted. Used by {@link LeveledPicker}, and by
 * anything that reports the shape of the tree (metrics, system tables). Pure functions; thread-safe.
 */
public final class LevelTargets {
    private LevelTargets() {
    }

    /**
     * Target size of {@code level} in bytes.
     *
     * @throws IllegalArgumentException if {@code level < 1}: level 0 is triggered by file count
     */
    public static long targetBytes(CompactionConfig config, int level) {
        if (level < 1) {
            throw new IllegalArgumentException("level " + level + " has no byte target (level 0 is triggered by"
                    + " file count)");
        }
        long target = Math.max(1, config.level1TargetBytes());
        long ratio = Math.max(1, config.levelSizeRatio());
        for (int i = 1; i < level; i++) {
            target = saturatedMultiply(target, ratio);
        }
        return target;
    }

    /** Compaction score of {@code level} in {@code version}, as in the class comment; 0 for the last level. */
    public static double score(CompactionConfig config, Version version, int level) {
        int last = version.numLevels() - 1;
        if (level == 0) {
            return last == 0 ? 0 : (double) version.files(0).size() / Math.max(1, config.level0CompactionTrigger());
        }
        if (level >= last) {
            return 0;
        }
        return (double) version.levelBytes(level) / targetBytes(config, level);
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
