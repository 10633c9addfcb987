package io.sediment.engine.version;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.memtable.LookupResult;
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
        int n = 0;
        for (List<FileMetaData> l : levels) {
            n += l.size();
        }
        return n;
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
     * @return the result, or null if no file holds the key
     */
    public LookupResult get(byte[] userKey, long sequence, TableCache tables, ReadStats stats) {
        byte[] lookup = InternalKey.lookupKey(userKey, sequence);
        for (FileMetaData f : levels.get(0)) {
            if (f.overlapsUserRange(userKey, userKey)) {
                LookupResult r = probe(f, userKey, lookup, tables, stats);
                if (r != null) {
                    return r;
                }
            }
        }
        for (int level = 1; level < levels.size(); level++) {
            FileMetaData f = findFile(levels.get(level), userKey);
            if (f != null) {
                LookupResult r = probe(f, userKey, lookup, tables, stats);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The file of a sorted level that may hold {@code userKey}, by binary search; null if none. */
    public static FileMetaData findFile(List<FileMetaData> files, byte[] userKey) {
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
            return null;
        }
        FileMetaData f = files.get(lo);
        return InternalKey.compareUserKey(f.smallest(), userKey) <= 0 ? f : null;
    }

    private static LookupResult probe(FileMetaData f, byte[] userKey, byte[] lookup, TableCache tables,
                                      ReadStats stats) {
        TableCache.Handle h = tables.acquire(f.number());
        try {
            TableReader t = h.reader();
            if (!t.mayContain(userKey)) {
                return null;
            }
            stats.tableProbed();
            TableReader.Entry e = t.find(lookup);
            if (e == null || InternalKey.compareUserKey(e.key(), userKey) != 0) {
                return null;
            }
            return InternalKey.kind(e.key()) == InternalKey.KIND_PUT
                    ? LookupResult.found(e.value()) : LookupResult.DELETED;
        } finally {
            h.release();
        }
    }

    /** An iterator over a sorted run of non-overlapping files (one file, or a level's files in key order). */
    public static SeekingIterator runIterator(List<FileMetaData> sortedFiles, TableCache tables) {
        return new LevelIterator(sortedFiles, tables);
    }

    /** Adds one iterator per level-0 file and one concatenating iterator per deeper level. */
    public void addIterators(TableCache tables, List<SeekingIterator> out) {
        for (FileMetaData f : levels.get(0)) {
            out.add(new LevelIterator(List.of(f), tables));
        }
        for (int level = 1; level < levels.size(); level++) {
            if (!levels.get(level).isEmpty()) {
                out.add(new LevelIterator(levels.get(level), tables));
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
