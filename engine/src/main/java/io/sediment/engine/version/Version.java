package io.sediment.engine.version;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.memtable.LookupResult;
import io.sediment.engine.sstable.BloomFilter;
import io.sediment.engine.sstable.TableReader;
import io.sediment.engine.util.SeekingIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable picture of the tree: the live SSTables of every level.
 *
 * <p>Invariants: level 0 files may overlap each other and are kept newest first (by largest
 * sequence); in every level {@code >= 1} files are sorted by smallest key and do not overlap, so a
 * level is one sorted run. For any user key, versions in level {@code i} are newer than those in
 * level {@code i+1}, and among overlapping level-0 files sequence ranges never interleave.
 *
 * <p>A version is reference counted by {@link VersionSet}: while referenced, none of its files is
 * deleted. Thread-safe (immutable apart from the count).
 */
public final class Version {
    /** Level-0 order: newest data first. */
    static final Comparator<FileMetaData> NEWEST_FIRST =
            Comparator.comparingLong(FileMetaData::largestSequence).reversed()
                    .thenComparing(Comparator.comparingLong(FileMetaData::number).reversed());
    /** Level 1+ order: by smallest key. */
    static final Comparator<FileMetaData> BY_SMALLEST_KEY =
            (a, b) -> InternalKey.COMPARATOR.compare(a.smallest(), b.smallest());

    private final List<List<FileMetaData>> levels;
    /** {@code firstSlot[level]}: the {@link #slot} of the level's first file; files are numbered level by level. */
    private final int[] firstSlot;
    final AtomicInteger refs = new AtomicInteger();

    /** A version holding {@code levels} (level 0 first), each sorted as the invariants require. */
    public static Version of(List<List<FileMetaData>> levels) {
        List<List<FileMetaData>> sorted = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            List<FileMetaData> l = new ArrayList<>(levels.get(i));
            l.sort(i == 0 ? NEWEST_FIRST : BY_SMALLEST_KEY);
            sorted.add(l);
        }
        return new Version(sorted);
    }

    Version(List<List<FileMetaData>> levels) {
        List<List<FileMetaData>> copy = new ArrayList<>(levels.size());
        for (List<FileMetaData> l : levels) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(l)));
        }
        this.levels = Collections.unmodifiableList(copy);
        this.firstSlot = new int[copy.size() + 1];
        for (int i = 0; i < copy.size(); i++) {
            firstSlot[i + 1] = firstSlot[i] + copy.get(i).size();
        }
    }

    /** The file's position in this version, counting level by level from level 0: {@code [0, totalFiles())}. */
    int slot(int level, int indexInLevel) {
        return firstSlot[level] + indexInLevel;
    }

    /** The file at {@link #slot} {@code slot}. */
    FileMetaData fileAt(int slot) {
        int level = 0;
        while (slot >= firstSlot[level + 1]) {
            level++;
        }
        return levels.get(level).get(slot - firstSlot[level]);
    }

    public int numLevels() {
        return levels.size();
    }

    public List<FileMetaData> files(int level) {
        return levels.get(level);
    }

    public long levelBytes(int level) {
        long sum = 0;
        for (FileMetaData f : levels.get(level)) {
            sum += f.size();
        }
        return sum;
    }

    public long totalBytes() {
        long sum = 0;
        for (int i = 0; i < levels.size(); i++) {
            sum += levelBytes(i);
        }
        return sum;
    }

    public int totalFiles() {
        return firstSlot[levels.size()];
    }

    /** Files of {@code level} whose user-key range intersects {@code [start, end]} (nulls unbounded). */
    public List<FileMetaData> overlapping(int level, byte[] startUserKey, byte[] endUserKey) {
        List<FileMetaData> out = new ArrayList<>();
        for (FileMetaData f : levels.get(level)) {
            if (f.overlapsUserRange(startUserKey, endUserKey)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Counts of the work one point lookup did, for read-amplification metrics. */
    public interface ReadStats {
        void tableProbed();
    }

    /**
     * Point lookup of the newest version of {@code userKey} visible at {@code sequence}.
     *
     * @param tables this version's tables (pinned, or else acquired per probe)
     * @return the result, or null if no file holds the key
     */
    public LookupResult get(byte[] userKey, long sequence, PinnedTables tables, ReadStats stats) {
        byte[] lookup = InternalKey.lookupKey(userKey, sequence);
        int filterHash = BloomFilter.hash(userKey);
        List<FileMetaData> level0 = levels.get(0);
        for (int i = 0; i < level0.size(); i++) {
            FileMetaData f = level0.get(i);
            if (f.overlapsUserRange(userKey, userKey)) {
                LookupResult r = probe(f, slot(0, i), userKey, filterHash, lookup, tables, stats);
                if (r != null) {
                    return r;
                }
            }
        }
        for (int level = 1; level < levels.size(); level++) {
            List<FileMetaData> files = levels.get(level);
            int i = findFileIndex(files, userKey);
            if (i >= 0) {
                LookupResult r = probe(files.get(i), slot(level, i), userKey, filterHash, lookup, tables, stats);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The file of a sorted level that may hold {@code userKey}, by binary search; null if none. */
    public static FileMetaData findFile(List<FileMetaData> files, byte[] userKey) {
        int i = findFileIndex(files, userKey);
        return i < 0 ? null : files.get(i);
    }

    /** The index of {@link #findFile}'s answer in {@code files}, or -1. */
    private static int findFileIndex(List<FileMetaData> files, byte[] userKey) {
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compareUserKey(files.get(mid).largest(), userKey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == files.size()) {
            return -1;
        }
        return InternalKey.compareUserKey(files.get(lo).smallest(), userKey) <= 0 ? lo : -1;
    }

    private static LookupResult probe(FileMetaData f, int slot, byte[] userKey, int filterHash, byte[] lookup,
                                      PinnedTables tables, ReadStats stats) {
        TableReader pinned = tables.reader(slot);
        if (pinned != null) {
            return probe(pinned, userKey, filterHash, lookup, stats);
        }
        TableCache.Handle h = tables.cache().acquire(f.number());
        try {
            return probe(h.reader(), userKey, filterHash, lookup, stats);
        } finally {
            h.release();
        }
    }

    private static LookupResult probe(TableReader t, byte[] userKey, int filterHash, byte[] lookup, ReadStats stats) {
        if (!t.mayContainHash(filterHash)) {
            return null;
        }
        stats.tableProbed();
        TableReader.Entry e = t.find(lookup);
        if (e == null || InternalKey.compareUserKey(e.key(), userKey) != 0) {
            return null;
        }
        return InternalKey.kind(e.key()) == InternalKey.KIND_PUT
                ? LookupResult.found(e.value()) : LookupResult.DELETED;
    }

    /** An iterator over a sorted run of non-overlapping files (one file, or a level's files in key order). */
    public static SeekingIterator runIterator(List<FileMetaData> sortedFiles, TableCache tables) {
        return new LevelIterator(sortedFiles, tables);
    }

    /**
     * Adds one iterator per level-0 file and one concatenating iterator per deeper level.
     *
     * @param tables this version's tables; the iterators must be closed before they are released
     */
    public void addIterators(PinnedTables tables, List<SeekingIterator> out) {
        List<FileMetaData> level0 = levels.get(0);
        for (int i = 0; i < level0.size(); i++) {
            out.add(new LevelIterator(List.of(level0.get(i)), tables, slot(0, i)));
        }
        for (int level = 1; level < levels.size(); level++) {
            if (!levels.get(level).isEmpty()) {
                out.add(new LevelIterator(levels.get(level), tables, slot(level, 0)));
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Version{");
        for (int i = 0; i < levels.size(); i++) {
            if (!levels.get(i).isEmpty()) {
                sb.append(" L").append(i).append('=').append(levels.get(i));
            }
        }
        return sb.append(" }").toString();
    }
}
