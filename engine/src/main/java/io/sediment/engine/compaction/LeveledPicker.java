package io.sediment.engine.compaction;

import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Leveled compaction (LevelDB, RocksDB): every level {@code >= 1} is one sorted run about
 * {@code levelSizeRatio} times bigger than the one above, and a compaction moves data one level down.
 *
 * <p>Choice: every level gets a score, and L0 a base level to compact into ({@link LevelTargets}:
 * static targets, or dynamic ones sized from the last level); among the levels scoring at least
 * 1, the highest score goes first (ties: the shallower level). If that level cannot be compacted
 * now because of running compactions, the next one is tried.
 * <ul>
 *   <li>L0 is compacted whole: all L0 files plus the base-level files they overlap, into the base
 *       level (L1 with static targets; the levels between are empty). L0 is skipped while any L0
 *       file is busy, so L0 is only ever emptied from its oldest end as one unit.</li>
 *   <li>Ln (1 &le; n &lt; last; over target, or above the base level with dynamic targets) gives
 *       one file (plus neighbours sharing a boundary user key) and the files of n+1 it overlaps, into n+1. Of the files that can go now, the one that rewrites the
 *       fewest bytes of n+1 per byte moved down wins; ties go to the smallest key. This keeps the
 *       picker stateless (no compaction pointer).</li>
 *   <li>The last level is never a source by score; {@link #manual} can rewrite it in place.</li>
 * </ul>
 *
 * <p>Guarantees: a pick never contains a busy file, never writes into a key range of a level that
 * a running compaction writes into, and applying it keeps the {@link Version} invariants (L1+ non-
 * overlapping; upper levels newer). Any valid version is accepted, including shapes left by
 * {@link TieredPicker} (many L0 files, oddly sized levels): the scores drive it back into shape,
 * one level down per compaction. Pure: no I/O, no clock, no state beyond the config; thread-safe.
 */
public final class LeveledPicker implements CompactionPicker {
    /** The value of {@link #style()}. */
    public static final String STYLE = "LEVELED";

    private final CompactionConfig config;

    public LeveledPicker(CompactionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String style() {
        return STYLE;
    }

    @Override
    public Compaction pick(Version version, Set<Long> busy, BusyRanges busyOutputs) {
        LevelTargets targets = LevelTargets.of(config, version);
        int last = version.numLevels() - 1;
        List<double[]> scored = new ArrayList<>(); // {score, level}
        for (int level = 0; level < last; level++) {
            double score = targets.score(level);
            if (score >= 1) {
                scored.add(new double[] {score, level});
            }
        }
        scored.sort(Comparator.<double[]>comparingDouble(s -> -s[0]).thenComparingDouble(s -> s[1]));
        for (double[] s : scored) {
            int level = (int) s[1];
            Compaction c = level == 0 ? pickLevel0(version, targets.baseLevel(), busy, busyOutputs)
                    : pickLevel(version, targets, level, s[0], busy, busyOutputs);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private Compaction pickLevel0(Version version, int baseLevel, Set<Long> busy, BusyRanges busyOutputs) {
        List<FileMetaData> upper = version.files(0);
        if (PickerInputs.anyBusy(upper, busy)) {
            return null;
        }
        List<FileMetaData> lower = PickerInputs.overlappingSorted(version.files(baseLevel),
                PickerInputs.smallestUserKey(upper), PickerInputs.largestUserKey(upper));
        if (PickerInputs.anyBusy(lower, busy)
                || PickerInputs.outputBusy(busyOutputs, baseLevel, PickerInputs.concat(upper, lower))) {
            return null;
        }
        String reason = "L0 file count " + upper.size() + " >= " + config.level0CompactionTrigger();
        return compaction(0, upper, baseLevel, lower, reason);
    }

    private Compaction pickLevel(Version version, LevelTargets targets, int level, double score, Set<Long> busy,
                                 BusyRanges busyOutputs) {
        List<FileMetaData> files = version.files(level);
        List<FileMetaData> bestUpper = null;
        List<FileMetaData> bestLower = null;
        long bestUpperBytes = 1;
        long bestLowerBytes = 0;
        for (int i = 0; i < files.size(); i++) {
            if (busy.contains(files.get(i).number())) {
                continue;
            }
            List<FileMetaData> upper = PickerInputs.withBoundaryNeighbours(files, i);
            if (PickerInputs.anyBusy(upper, busy)) {
                continue;
            }
            List<FileMetaData> lower = PickerInputs.overlappingSorted(version.files(level + 1),
                    PickerInputs.smallestUserKey(upper), PickerInputs.largestUserKey(upper));
            if (PickerInputs.anyBusy(lower, busy)
                    || PickerInputs.outputBusy(busyOutputs, level + 1, PickerInputs.concat(upper, lower))) {
                continue;
            }
            long upperBytes = Math.max(1, PickerInputs.bytes(upper));
            long lowerBytes = PickerInputs.bytes(lower);
            if (bestUpper == null || compareRatios(lowerBytes, upperBytes, bestLowerBytes, bestUpperBytes) < 0) {
                bestUpper = upper;
                bestLower = lower;
                bestUpperBytes = upperBytes;
                bestLowerBytes = lowerBytes;
            }
        }
        if (bestUpper == null) {
            return null;
        }
        String reason = targets.draining(level)
                ? String.format(Locale.ROOT, "L%d score %.2f (%s above the base level L%d drains down)", level,
                        score, formatBytes(version.levelBytes(level)), targets.baseLevel())
                : String.format(Locale.ROOT, "L%d score %.2f (%s > target %s)", level, score,
                        formatBytes(version.levelBytes(level)), formatBytes(targets.targetBytes(level)));
        return compaction(level, bestUpper, level + 1, bestLower, reason);
    }

    private Compaction compaction(int level, List<FileMetaData> upper, int outputLevel, List<FileMetaData> lower,
                                  String reason) {
        List<Compaction.LevelInputs> inputs = new ArrayList<>(2);
        PickerInputs.addInputs(inputs, level, upper);
        PickerInputs.addInputs(inputs, outputLevel, lower);
        return new Compaction(List.copyOf(inputs), outputLevel, reason, STYLE);
    }

    /** Compares {@code an/ad} with {@code bn/bd} exactly (128-bit cross products). REQUIRES: all >= 0, ad, bd > 0. */
    private static int compareRatios(long an, long ad, long bn, long bd) {
        int high = Long.compare(Math.multiplyHigh(an, bd), Math.multiplyHigh(bn, ad));
        return high != 0 ? high : Long.compareUnsigned(an * bd, bn * ad);
    }

    /**
     * Estimate of the bytes compaction must still rewrite, after RocksDB's
     * {@code estimated_compaction_needed_bytes}: when L0 is at its trigger, an L0 compaction
     * rewrites all of L0 and the base level it lands on ({@code L0 + base} bytes), and L0's bytes
     * arrive in the base level. Then for each level {@code base <= n < last}, the bytes above target
     * (counting what arrives from above; all of a draining level) must move down, rewriting
     * themselves and about {@code levelSizeRatio} times as much of level n+1:
     * {@code excess * (1 + levelSizeRatio)}; the excess arrives in n+1. 0 when every score is
     * below 1. Saturates at Long.MAX_VALUE.
     */
    @Override
    public long pendingCompactionBytes(Version version) {
        int last = version.numLevels() - 1;
        if (last < 1) {
            return 0;
        }
        LevelTargets targets = LevelTargets.of(config, version);
        int base = targets.baseLevel();
        long pending = 0;
        long arriving = 0;
        if (targets.score(0) >= 1) {
            arriving = version.levelBytes(0);
            pending = LevelTargets.saturatedAdd(arriving, version.levelBytes(base));
        }
        long fanOut = 1 + Math.max(1, config.levelSizeRatio());
        for (int level = base; level < last; level++) {
            long size = LevelTargets.saturatedAdd(version.levelBytes(level), arriving);
            long excess = Math.max(0, size - targets.targetBytes(level));
            pending = LevelTargets.saturatedAdd(pending, LevelTargets.saturatedMultiply(excess, fanOut));
            arriving = excess;
        }
        return pending;
    }

    /**
     * Manual compaction of a whole level: all files of {@code level} plus the overlapping files of
     * {@code level + 1}, into {@code level + 1}; the last level is rewritten into itself. Reason
     * "manual".
     *
     * @return the compaction, or null if the level is empty or a file involved is busy
     * @throws IllegalArgumentException if {@code level} is not a level of {@code version}
     */
    public Compaction manual(Version version, int level, Set<Long> busy) {
        return manual(version, level, busy, BusyRanges.none());
    }

    /** As {@link #manual(Version, int, Set)}, also null if a running compaction writes into the output range. */
    public Compaction manual(Version version, int level, Set<Long> busy, BusyRanges busyOutputs) {
        return ManualCompactions.pick(version, level, busy, busyOutputs, STYLE);
    }

    static String formatBytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1fGB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1fMB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1fKB", bytes / (double) (1L << 10));
        }
        return bytes + "B";
    }

    @Override
    public String toString() {
        return "LeveledPicker{" + config + "}";
    }
}
