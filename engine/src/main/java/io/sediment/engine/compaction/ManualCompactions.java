package io.sediment.engine.compaction;

import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Manual compaction of one whole level, the same for every style: all files of level {@code n}
 * plus the files of level {@code n+1} they overlap, merged into {@code n+1}; the last level is
 * merged into itself (to drop overwritten versions and tombstones). Pure; thread-safe.
 */
public final class ManualCompactions {
    static final String REASON = "manual";

    private ManualCompactions() {
    }

    /**
     * The manual compaction of {@code level}, or null if the level is empty or any file involved is
     * busy, or a running compaction writes into the output level within the range.
     *
     * @throws IllegalArgumentException if {@code level} is not a level of {@code version}
     */
    static Compaction pick(Version version, int level, Set<Long> busy, BusyRanges busyOutputs, String style) {
        if (level < 0 || level >= version.numLevels()) {
            throw new IllegalArgumentException("no level " + level + ": the tree has levels 0.."
                    + (version.numLevels() - 1));
        }
        List<FileMetaData> upper = version.files(level);
        if (upper.isEmpty() || PickerInputs.anyBusy(upper, busy)) {
            return null;
        }
        int last = version.numLevels() - 1;
        int outputLevel = level == last ? level : level + 1;
        List<FileMetaData> lower = outputLevel == level ? List.of()
                : PickerInputs.overlappingSorted(version.files(outputLevel),
                        PickerInputs.smallestUserKey(upper), PickerInputs.largestUserKey(upper));
        List<FileMetaData> all = PickerInputs.concat(upper, lower);
        if (PickerInputs.anyBusy(lower, busy) || PickerInputs.outputBusy(busyOutputs, outputLevel, all)) {
            return null;
        }
        List<Compaction.LevelInputs> inputs = new ArrayList<>();
        PickerInputs.addInputs(inputs, level, upper);
        PickerInputs.addInputs(inputs, outputLevel, lower);
        return new Compaction(List.copyOf(inputs), outputLevel, REASON, style);
    }

    /**
     * The manual compaction of the part of {@code level} that overlaps user keys
     * {@code [start, end]} (nulls unbounded) into the next level that holds data: for level 0 all
     * of level 0 (its files overlap each other, so taking a subset could put newer data under
     * older), for deeper levels only the overlapping files. Empty levels in between are skipped:
     * nothing there to keep in order, and the data is not rewritten once per empty level (with
     * dynamic level targets the levels above the base level are empty). If no deeper level holds
     * data, the output goes to the next level. Null if nothing overlaps or something involved is busy.
     */
    public static Compaction pickRange(Version version, int level, byte[] start, byte[] end, Set<Long> busy,
                                       BusyRanges busyOutputs, String style) {
        int last = version.numLevels() - 1;
        if (level >= last) {
            return null;
        }
        List<FileMetaData> upper = level == 0
                ? (version.overlapping(0, start, end).isEmpty() ? List.of() : version.files(0))
                : version.overlapping(level, start, end);
        if (upper.isEmpty() || PickerInputs.anyBusy(upper, busy)) {
            return null;
        }
        int outputLevel = level + 1;
        while (outputLevel < last && version.files(outputLevel).isEmpty()) {
            outputLevel++;
        }
        if (version.files(outputLevel).isEmpty()) {
            outputLevel = level + 1;
        }
        List<FileMetaData> lower = PickerInputs.overlappingSorted(version.files(outputLevel),
                PickerInputs.smallestUserKey(upper), PickerInputs.largestUserKey(upper));
        List<FileMetaData> all = PickerInputs.concat(upper, lower);
        if (PickerInputs.anyBusy(lower, busy) || PickerInputs.outputBusy(busyOutputs, outputLevel, all)) {
            return null;
        }
        List<Compaction.LevelInputs> inputs = new ArrayList<>();
        PickerInputs.addInputs(inputs, level, upper);
        PickerInputs.addInputs(inputs, outputLevel, lower);
        return new Compaction(List.copyOf(inputs), outputLevel, REASON + " range", style);
    }

    /**
     * Rewrites all files of {@code level} (>= 1) into the same level, which drops overwritten
     * versions and tombstones when nothing deeper holds their keys. Null if empty or busy.
     */
    public static Compaction pickInPlace(Version version, int level, Set<Long> busy, BusyRanges busyOutputs,
                                         String style) {
        List<FileMetaData> files = version.files(level);
        if (level < 1 || files.isEmpty() || PickerInputs.anyBusy(files, busy)
                || PickerInputs.outputBusy(busyOutputs, level, files)) {
            return null;
        }
        List<Compaction.LevelInputs> inputs = new ArrayList<>();
        PickerInputs.addInputs(inputs, level, files);
        return new Compaction(List.copyOf(inputs), level, REASON + " in place", style);
    }
}
