package io.sediment.engine.compaction;

import io.sediment.engine.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The user-key ranges that running compactions are writing, per output level, so that two
 * compactions never write overlapping files into the same level. Not thread-safe: the scheduler
 * builds one under its lock for each pick.
 */
public final class BusyRanges {
    private record Range(int level, byte[] smallest, byte[] largest) {
    }

    private final List<Range> ranges = new ArrayList<>();

    public static BusyRanges none() {
        return new BusyRanges();
    }

    /** Records that a running compaction writes user keys {@code [smallest, largest]} into {@code level}. */
    public void add(int level, byte[] smallestUserKey, byte[] largestUserKey) {
        ranges.add(new Range(level, smallestUserKey, largestUserKey));
    }

    /** True if a running compaction writes into {@code level} within {@code [smallest, largest]}. */
    public boolean overlaps(int level, byte[] smallestUserKey, byte[] largestUserKey) {
        for (Range r : ranges) {
            if (r.level == level && Bytes.compare(r.smallest, largestUserKey) <= 0
                    && Bytes.compare(smallestUserKey, r.largest) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** True if any running compaction writes into {@code level}. */
    public boolean writesInto(int level) {
        for (Range r : ranges) {
            if (r.level == level) {
                return true;
            }
        }
        return false;
    }
}
