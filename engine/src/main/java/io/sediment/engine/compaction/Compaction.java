package io.sediment.engine.compaction;

import io.sediment.engine.version.FileMetaData;
import java.util.ArrayList;
import java.util.List;

/**
 * A chosen compaction: which files of which levels to merge, and the level the merged output
 * goes to. Produced by a {@link CompactionPicker}; executed by {@link CompactionJob}. Immutable.
 *
 * @param inputs one entry per participating level, files in that level's order
 * @param outputLevel level that receives the merged sorted run
 * @param reason why it was picked (e.g. "L0 file count 5 >= 4", "size ratio", "space amplification 250%", "manual")
 * @param style "LEVELED" or "TIERED"
 */
public record Compaction(List<LevelInputs> inputs, int outputLevel, String reason, String style) {
    /** The files one level contributes. */
    public record LevelInputs(int level, List<FileMetaData> files) {
    }

    public List<FileMetaData> allFiles() {
        List<FileMetaData> all = new ArrayList<>();
        for (LevelInputs li : inputs) {
            all.addAll(li.files());
        }
        return all;
    }

    public long inputBytes() {
        long sum = 0;
        for (FileMetaData f : allFiles()) {
            sum += f.size();
        }
        return sum;
    }

    /** Smallest level among the inputs. */
    public int startLevel() {
        int min = Integer.MAX_VALUE;
        for (LevelInputs li : inputs) {
            min = Math.min(min, li.level());
        }
        return min;
    }
}
