package io.sediment.engine.compaction;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.version.FileMetaData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Small pure helpers the pickers share to gather input files: busy checks, user-key hulls, sorted
 * level lookups. Stateless; thread-safe.
 */
final class PickerInputs {
    private PickerInputs() {
    }

    static boolean anyBusy(Collection<FileMetaData> files, Set<Long> busy) {
        for (FileMetaData f : files) {
            if (busy.contains(f.number())) {
                return true;
            }
        }
        return false;
    }

    static long bytes(Collection<FileMetaData> files) {
        long sum = 0;
        for (FileMetaData f : files) {
            sum = LevelTargets.saturatedAdd(sum, f.size());
        }
        return sum;
    }

    /** Smallest user key of any of {@code files}. REQUIRES: files not empty. */
    static byte[] smallestUserKey(Collection<FileMetaData> files) {
        byte[] min = null;
        for (FileMetaData f : files) {
            byte[] k = f.smallestUserKey();
            if (min == null || Bytes.compare(k, min) < 0) {
                min = k;
            }
        }
        return min;
    }

    /** Largest user key of any of {@code files}. REQUIRES: files not empty. */
    static byte[] largestUserKey(Collection<FileMetaData> files) {
        byte[] max = null;
        for (FileMetaData f : files) {
            byte[] k = f.largestUserKey();
            if (max == null || Bytes.compare(k, max) > 0) {
                max = k;
            }
        }
        return max;
    }

    /** True if a running compaction writes into {@code level} within the user-key hull of {@code files}. */
    static boolean outputBusy(BusyRanges busyOutputs, int level, Collection<FileMetaData> files) {
        return !files.isEmpty() && busyOutputs.overlaps(level, smallestUserKey(files), largestUserKey(files));
    }

    /**
     * Files of a sorted level (level >= 1) whose user-key range intersects {@code [start, end]}, by
     * binary search. REQUIRES: {@code sorted} is sorted by key and non-overlapping.
     */
    static List<FileMetaData> overlappingSorted(List<FileMetaData> sorted, byte[] startUserKey, byte[] endUserKey) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compareUserKey(sorted.get(mid).largest(), startUserKey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<FileMetaData> out = new ArrayList<>();
        for (int i = lo; i < sorted.size() && InternalKey.compareUserKey(sorted.get(i).smallest(), endUserKey) <= 0;
                i++) {
            out.add(sorted.get(i));
        }
        return out;
    }

    /**
     * File {@code index} of a sorted level plus its neighbours that share a boundary user key with
     * it (one user key's versions may be split over two adjacent files; they must move together,
     * or an older version could end up above a newer one).
     */
    static List<FileMetaData> withBoundaryNeighbours(List<FileMetaData> sorted, int index) {
        int from = index;
        while (from > 0 && InternalKey.compareUserKeys(sorted.get(from - 1).largest(),
                sorted.get(from).smallest()) >= 0) {
            from--;
        }
        int to = index;
        while (to + 1 < sorted.size() && InternalKey.compareUserKeys(sorted.get(to).largest(),
                sorted.get(to + 1).smallest()) >= 0) {
            to++;
        }
        return List.copyOf(sorted.subList(from, to + 1));
    }

    /** Adds {@code files} as the inputs of {@code level} unless empty. */
    static void addInputs(List<Compaction.LevelInputs> inputs, int level, List<FileMetaData> files) {
        if (!files.isEmpty()) {
            inputs.add(new Compaction.LevelInputs(level, List.copyOf(files)));
        }
    }

    /** Concatenation of two file lists. */
    static List<FileMetaData> concat(List<FileMetaData> a, List<FileMetaData> b) {
        List<FileMetaData> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
