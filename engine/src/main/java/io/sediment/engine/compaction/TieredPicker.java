package io.sediment.engine.compaction;

import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tiered compaction (RocksDB "universal", Cassandra size-tiered) on the ordinary level structure.
 *
 * <p>The tree is read as sorted runs, newest to oldest: each L0 file is one run (newest first),
 * then each non-empty level 1..N-1 is one run. A run is busy if any of its files is. Nothing is
 * done while there are fewer than {@code max(2, level0CompactionTrigger)} runs; otherwise the first
 * rule that yields a compaction wins:
 * <ol>
 *   <li><b>space amplification</b>: if no run is busy and (bytes of all runs but the oldest) * 100
 *       / (bytes of the oldest run) &ge; {@code tieredMaxSpaceAmplificationPercent}, merge all runs.</li>
 *   <li><b>size ratio</b>: from the newest non-busy run, take the following runs while each is no
 *       bigger than the runs taken so far * (100 + {@code tieredSizeRatioPercent}) / 100; merge them
 *       if there are at least {@code max(2, tieredMinMergeWidth)}, else start again one run older.</li>
 *   <li><b>run count</b>: only when there are more than {@code trigger + 1} runs, merge the newest
 *       consecutive non-busy runs, as many as bring the count back to {@code trigger + 1}
 *       ({@code runs - trigger}) but at least {@code max(2, tieredMinMergeWidth)}. Waiting until
 *       the count passes {@code trigger + 1}, and merging only what it needs, is what keeps the
 *       big old runs out of small merges and tiered write amplification low (as RocksDB universal).</li>
 * </ol>
 * Merged runs are always consecutive in age and never busy.
 *
 * <p>Output level: if the oldest merged run is level k &ge; 1, the output goes to k. If only L0
 * files are merged and the oldest L0 file is among them, the output goes to the deepest level j
 * such that levels 1..j are all empty (so the tree fills from the bottom); otherwise, or if
 * j &lt; 1, it stays in L0, where the engine orders it by sequence (the merged files are
 * consecutive, so sequence ranges still do not interleave). A level whose range a running
 * compaction writes into is not used; if no output level is free the candidate is dropped.
 *
 * <p>Accepts any valid {@link Version}, including leveled shapes (each level is one run). Pure:
 * no I/O, no clock, no state beyond the config; thread-safe.
 */
public final class TieredPicker implements CompactionPicker {
    /** The value of {@link #style()}. */
    public static final String STYLE = "TIERED";

    private final CompactionConfig config;

    /** One sorted run: a single L0 file, or a whole level {@code >= 1}. */
    private record Run(int level, List<FileMetaData> files, long bytes) {
        boolean busy(Set<Long> busy) {
            return PickerInputs.anyBusy(files, busy);
        }
    }

    public TieredPicker(CompactionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String style() {
        return STYLE;
    }

    private static List<Run> runs(Version version) {
        List<Run> runs = new ArrayList<>();
        for (FileMetaData f : version.files(0)) {
            runs.add(new Run(0, List.of(f), f.size()));
        }
        for (int level = 1; level < version.numLevels(); level++) {
            List<FileMetaData> files = version.files(level);
            if (!files.isEmpty()) {
                runs.add(new Run(level, files, PickerInputs.bytes(files)));
            }
        }
        return runs;
    }

    private int trigger() {
        return Math.max(2, config.level0CompactionTrigger());
    }

    private int minWidth() {
        return Math.max(2, config.tieredMinMergeWidth());
    }

    @Override
    public Compaction pick(Version version, Set<Long> busy, BusyRanges busyOutputs) {
        List<Run> runs = runs(version);
        if (runs.size() < trigger()) {
            return null;
        }
        boolean[] isBusy = new boolean[runs.size()];
        boolean anyBusy = false;
        for (int i = 0; i < runs.size(); i++) {
            isBusy[i] = runs.get(i).busy(busy);
            anyBusy |= isBusy[i];
        }
        if (!anyBusy) {
            long oldest = runs.get(runs.size() - 1).bytes();
            long younger = 0;
            for (int i = 0; i < runs.size() - 1; i++) {
                younger = LevelTargets.saturatedAdd(younger, runs.get(i).bytes());
            }
            long limit = config.tieredMaxSpaceAmplificationPercent();
            if (LevelTargets.saturatedMultiply(younger, 100) >= LevelTargets.saturatedMultiply(limit, oldest)) {
                String amp = oldest == 0 ? "infinite" : (LevelTargets.saturatedMultiply(younger, 100) / oldest) + "%";
                Compaction c = merge(version, runs, 0, runs.size(), "space amplification " + amp, busyOutputs);
                if (c != null) {
                    return c;
                }
            }
        }
        long ratio = 100L + Math.max(0, config.tieredSizeRatioPercent());
        for (int start = 0; start < runs.size(); start++) {
            if (isBusy[start]) {
                continue;
            }
            long accumulated = runs.get(start).bytes();
            int end = start + 1;
            while (end < runs.size() && !isBusy[end] && LevelTargets.saturatedMultiply(runs.get(end).bytes(), 100)
                    <= LevelTargets.saturatedMultiply(accumulated, ratio)) {
                accumulated = LevelTargets.saturatedAdd(accumulated, runs.get(end).bytes());
                end++;
            }
            if (end - start >= minWidth()) {
                Compaction c = merge(version, runs, start, end, "size ratio", busyOutputs);
                if (c != null) {
                    return c;
                }
            }
        }
        if (runs.size() <= trigger() + 1) {
            return null;
        }
        int width = Math.min(runs.size(), Math.max(minWidth(), runs.size() - trigger()));
        String reason = "run count " + runs.size() + " > " + (trigger() + 1);
        for (int start = 0; start + width <= runs.size(); start++) {
            if (noneBusy(isBusy, start, start + width)) {
                Compaction c = merge(version, runs, start, start + width, reason, busyOutputs);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private static boolean noneBusy(boolean[] isBusy, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isBusy[i]) {
                return false;
            }
        }
        return true;
    }

    /** Merges runs {@code [from, to)}; null if no output level is free. */
    private Compaction merge(Version version, List<Run> runs, int from, int to, String reason,
                             BusyRanges busyOutputs) {
        List<FileMetaData> l0 = new ArrayList<>();
        List<Compaction.LevelInputs> inputs = new ArrayList<>();
        List<FileMetaData> all = new ArrayList<>();
        for (Run r : runs.subList(from, to)) {
            all.addAll(r.files());
            if (r.level() == 0) {
                l0.addAll(r.files());
            }
        }
        PickerInputs.addInputs(inputs, 0, l0);
        for (Run r : runs.subList(from, to)) {
            if (r.level() > 0) {
                PickerInputs.addInputs(inputs, r.level(), r.files());
            }
        }
        int output = outputLevel(version, runs.get(to - 1), all, busyOutputs);
        return output < 0 ? null : new Compaction(List.copyOf(inputs), output, reason, STYLE);
    }

    private static int outputLevel(Version version, Run oldest, List<FileMetaData> all, BusyRanges busyOutputs) {
        if (oldest.level() > 0) {
            return PickerInputs.outputBusy(busyOutputs, oldest.level(), all) ? -1 : oldest.level();
        }
        List<FileMetaData> level0 = version.files(0);
        boolean includesOldestL0 = oldest.files().get(0).number() == level0.get(level0.size() - 1).number();
        if (includesOldestL0) {
            int deepest = 0;
            while (deepest + 1 < version.numLevels() && version.files(deepest + 1).isEmpty()) {
                deepest++;
            }
            boolean free = deepest >= 1;
            for (int level = 1; level <= deepest && free; level++) {
                free = !PickerInputs.outputBusy(busyOutputs, level, all);
            }
            if (free) {
                return deepest;
            }
        }
        return PickerInputs.outputBusy(busyOutputs, 0, all) ? -1 : 0;
    }

    /**
     * Estimate of the bytes compaction must still rewrite: the input bytes of the merge
     * {@link #pick} would choose with nothing running (0 when it would choose none). So the
     * estimate, and the write stalls it drives, always stand for a compaction that can run.
     */
    @Override
    public long pendingCompactionBytes(Version version) {
        Compaction next = pick(version, Set.of(), BusyRanges.none());
        return next == null ? 0 : next.inputBytes();
    }

    /** Manual compaction of a whole level; the same for every style, see {@link LeveledPicker#manual}. */
    public Compaction manual(Version version, int level, Set<Long> busy) {
        return manual(version, level, busy, BusyRanges.none());
    }

    /** As {@link #manual(Version, int, Set)}, also null if a running compaction writes into the output range. */
    public Compaction manual(Version version, int level, Set<Long> busy, BusyRanges busyOutputs) {
        return ManualCompactions.pick(version, level, busy, busyOutputs, STYLE);
    }

    @Override
    public String toString() {
        return "TieredPicker{" + config + "}";
    }
}
