package io.sediment.engine.compaction;

/**
 * The shape targets the pickers aim for, copied from the database options. Immutable.
 *
 * @param numLevels levels including L0
 * @param level1TargetBytes leveled: target size of L1 (dynamic: of the base level, the first level under L0
 *        that holds data)
 * @param levelSizeRatio leveled: target(L n+1) = ratio * target(L n)
 * @param dynamicLevelBytes leveled: size the levels from the last one up and let L0 compact into the
 *        first level that needs to exist, instead of fixed targets from L1 down ({@link LevelTargets})
 * @param targetFileSize outputs are cut at about this size
 * @param level0CompactionTrigger L0 files (sorted runs in tiered) that make L0 worth compacting
 * @param tieredSizeRatioPercent tiered: a run is "similar" if its size is within this percent of the
 *        accumulated size of the younger runs picked so far
 * @param tieredMinMergeWidth tiered: fewest runs merged in a size-ratio compaction
 * @param tieredMaxSpaceAmplificationPercent tiered: if (sum of all runs but the oldest) * 100 /
 *        (oldest run) exceeds this, merge everything into one run
 */
public record CompactionConfig(int numLevels, long level1TargetBytes, int levelSizeRatio, boolean dynamicLevelBytes,
                               long targetFileSize,
                               int level0CompactionTrigger, int tieredSizeRatioPercent, int tieredMinMergeWidth,
                               int tieredMaxSpaceAmplificationPercent) {
}
