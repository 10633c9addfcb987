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
final class ManualCompactions {
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
}
