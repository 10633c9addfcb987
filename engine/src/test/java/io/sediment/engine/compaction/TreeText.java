package io.sediment.engine.compaction;

import io.sediment.engine.key.InternalKey;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trees written as text, for picker tests (after Pebble's picker tests):
 * <pre>
 *   L0: 7[c..f]#20-25 1MB, 6[a..d]#10-19 1MB
 *   L1: 3[a..c] 10MB, 4[d..k] 10MB
 *   L2: 5[a..z] 100MB
 * </pre>
 * A file is {@code number[smallest..largest]#smallestSeq-largestSeq size}; keys are ASCII user keys;
 * sizes take B (default), KB, MB or GB (powers of 1024). Sequences are optional: missing ones are
 * assigned so that the tree obeys the {@link Version} invariants (deeper is older; L0 listed newest
 * first; a level may take several lines, read in order). A compaction reads back as
 * {@code L0:[7,6] L1:[3,4] -> L1 (reason)}.
 *
 * <p>{@link Tree} adds a model of the data, so that picks can be applied with a fake merge and
 * the ordering invariants checked exactly: a file whose bounds are single characters holds every
 * character key between them, otherwise just its two bounds; every key of a file carries the
 * file's sequence range.
 */
final class TreeText {
    static final int DEFAULT_LEVELS = 7;
    private static final Pattern FILE = Pattern.compile(
            "(\\d+)\\[([^\\]]*?)\\.\\.([^\\]]*)\\](?:#(\\d+)-(\\d+))?\\s+(\\d+)\\s*(B|KB|MB|GB)?");
    private static final Pattern LINE = Pattern.compile("L(\\d+):(.*)");

    private TreeText() {
    }

    static Version parse(String text) {
        return tree(text).version();
    }

    static Version parse(String text, int numLevels) {
        return tree(text, numLevels).version();
    }

    static Tree tree(String text) {
        return tree(text, DEFAULT_LEVELS);
    }

    /** Parses {@code text} into a tree of {@code numLevels} levels. */
    static Tree tree(String text, int numLevels) {
        List<List<String[]>> parsed = new ArrayList<>();
        for (int i = 0; i < numLevels; i++) {
            parsed.add(new ArrayList<>());
        }
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a level line: '" + line + "'");
            }
            int level = Integer.parseInt(m.group(1));
            if (level >= numLevels) {
                throw new IllegalArgumentException("level " + level + " but the tree has " + numLevels);
            }
            String rest = m.group(2).strip();
            if (rest.isEmpty()) {
                continue;
            }
            for (String part : rest.split(",")) {
                Matcher f = FILE.matcher(part.strip());
                if (!f.matches()) {
                    throw new IllegalArgumentException("not a file: '" + part.strip() + "'");
                }
                String[] fields = new String[7];
                for (int g = 0; g < 7; g++) {
                    fields[g] = f.group(g + 1);
                }
                parsed.get(level).add(fields);
            }
        }
        // Missing sequences: deepest level oldest, L0 newest, L0 listed newest first.
        long seq = 1;
        Tree tree = new Tree(numLevels);
        List<List<FileMetaData>> levels = new ArrayList<>();
        for (int i = 0; i < numLevels; i++) {
            levels.add(new ArrayList<>());
        }
        for (int level = numLevels - 1; level >= 0; level--) {
            List<String[]> files = new ArrayList<>(parsed.get(level));
            if (level == 0) {
                Collections.reverse(files);
            }
            for (String[] p : files) {
                long smallSeq = p[3] != null ? Long.parseLong(p[3]) : seq;
                long largeSeq = p[4] != null ? Long.parseLong(p[4]) : seq + 9;
                seq = Math.max(seq, largeSeq) + 1;
                long size = Long.parseLong(p[5]) * unit(p[6]);
                FileMetaData f = file(Long.parseLong(p[0]), p[1], p[2], smallSeq, largeSeq, size);
                levels.get(level).add(f);
                tree.points.put(f.number(), pointsOf(p[1], p[2], smallSeq, largeSeq));
            }
        }
        tree.version = Version.of(levels);
        tree.nextSequence = seq;
        for (int level = 0; level < numLevels; level++) {
            for (FileMetaData f : tree.version.files(level)) {
                tree.nextNumber = Math.max(tree.nextNumber, f.number() + 1);
            }
        }
        return tree;
    }

    private static long unit(String u) {
        if (u == null || u.equals("B")) {
            return 1;
        }
        return switch (u) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            default -> 1L << 30;
        };
    }

    static FileMetaData file(long number, String smallest, String largest, long smallSeq, long largeSeq, long size) {
        return new FileMetaData(number, size, 1,
                InternalKey.encode(smallest.getBytes(StandardCharsets.US_ASCII), largeSeq, InternalKey.KIND_PUT),
                InternalKey.encode(largest.getBytes(StandardCharsets.US_ASCII), smallSeq, InternalKey.KIND_PUT),
                smallSeq, largeSeq);
    }

    private static TreeMap<String, long[]> pointsOf(String smallest, String largest, long smallSeq, long largeSeq) {
        TreeMap<String, long[]> points = new TreeMap<>();
        if (smallest.length() == 1 && largest.length() == 1) {
            for (char c = smallest.charAt(0); c <= largest.charAt(0); c++) {
                points.put(String.valueOf(c), new long[] {smallSeq, largeSeq});
            }
        } else {
            points.put(smallest, new long[] {smallSeq, largeSeq});
            points.put(largest, new long[] {smallSeq, largeSeq});
        }
        return points;
    }

    static String userKey(byte[] internalKey) {
        return new String(InternalKey.userKey(internalKey), StandardCharsets.US_ASCII);
    }

    /** The tree as text, one line per non-empty level, sequences included; "(empty)" if none. */
    static String format(Version v) {
        StringBuilder sb = new StringBuilder();
        for (int level = 0; level < v.numLevels(); level++) {
            List<FileMetaData> files = v.files(level);
            if (files.isEmpty()) {
                continue;
            }
            sb.append('L').append(level).append(": ");
            for (int i = 0; i < files.size(); i++) {
                FileMetaData f = files.get(i);
                sb.append(i == 0 ? "" : ", ").append(f.number()).append('[').append(userKey(f.smallest()))
                        .append("..").append(userKey(f.largest())).append("]#").append(f.smallestSequence())
                        .append('-').append(f.largestSequence()).append(' ').append(formatSize(f.size()));
            }
            sb.append('\n');
        }
        return sb.length() == 0 ? "(empty)\n" : sb.toString();
    }

    static String formatSize(long size) {
        String[] units = {"GB", "MB", "KB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (size >= unit && size % unit == 0) {
                return (size / unit) + units[i];
            }
        }
        return size + "B";
    }

    /** {@code L0:[7,6] L1:[3,4] -> L1 (reason)}, or "none" for null. */
    static String describe(Compaction c) {
        if (c == null) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (Compaction.LevelInputs li : c.inputs()) {
            sb.append('L').append(li.level()).append(":[");
            for (int i = 0; i < li.files().size(); i++) {
                sb.append(i == 0 ? "" : ",").append(li.files().get(i).number());
            }
            sb.append("] ");
        }
        return sb.append("-> L").append(c.outputLevel()).append(" (").append(c.reason()).append(')').toString();
    }

    static Set<Long> busy(long... numbers) {
        Set<Long> out = new HashSet<>();
        for (long n : numbers) {
            out.add(n);
        }
        return out;
    }

    /** The ranges that {@code running} write, as the scheduler would report them. */
    static BusyRanges busyOutputs(List<Compaction> running) {
        BusyRanges r = BusyRanges.none();
        for (Compaction c : running) {
            List<FileMetaData> all = c.allFiles();
            r.add(c.outputLevel(), PickerInputs.smallestUserKey(all), PickerInputs.largestUserKey(all));
        }
        return r;
    }

    static Set<Long> busyFiles(List<Compaction> running) {
        Set<Long> out = new HashSet<>();
        for (Compaction c : running) {
            for (FileMetaData f : c.allFiles()) {
                out.add(f.number());
            }
        }
        return out;
    }

    /**
     * A tree under test: a {@link Version} plus the keys each file holds, with their sequence
     * ranges. Mutable; {@link #apply} does a fake merge, {@link #flush} adds a new L0 file.
     */
    static final class Tree {
        private final int numLevels;
        private Version version;
        private final Map<Long, TreeMap<String, long[]>> points = new HashMap<>();
        private long nextNumber = 1;
        private long nextSequence = 1;

        private Tree(int numLevels) {
            this.numLevels = numLevels;
        }

        Version version() {
            return version;
        }

        /**
         * Replaces the inputs of {@code c} by one output file in its output level: key range the hull
         * of the inputs, sequence range their union, size the sum, keys the union.
         */
        void apply(Compaction c) {
            List<List<FileMetaData>> levels = new ArrayList<>();
            for (int i = 0; i < numLevels; i++) {
                levels.add(new ArrayList<>(version.files(i)));
            }
            TreeMap<String, long[]> merged = new TreeMap<>();
            long smallSeq = Long.MAX_VALUE;
            long largeSeq = Long.MIN_VALUE;
            long size = 0;
            for (Compaction.LevelInputs li : c.inputs()) {
                for (FileMetaData f : li.files()) {
                    if (!levels.get(li.level()).remove(f)) {
                        throw new AssertionError("input " + f.number() + " is not in L" + li.level() + " of\n"
                                + format(version));
                    }
                    smallSeq = Math.min(smallSeq, f.smallestSequence());
                    largeSeq = Math.max(largeSeq, f.largestSequence());
                    size += f.size();
                    for (Map.Entry<String, long[]> e : points.remove(f.number()).entrySet()) {
                        merged.merge(e.getKey(), e.getValue().clone(), (a, b) ->
                                new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                    }
                }
            }
            List<FileMetaData> all = c.allFiles();
            FileMetaData out = file(nextNumber++, new String(PickerInputs.smallestUserKey(all),
                    StandardCharsets.US_ASCII), new String(PickerInputs.largestUserKey(all),
                    StandardCharsets.US_ASCII), smallSeq, largeSeq, size);
            levels.get(c.outputLevel()).add(out);
            points.put(out.number(), merged);
            version = Version.of(levels);
        }

        /** Adds a new (newest) L0 file holding the single-character keys {@code [from..to]}. */
        void flush(char from, char to, long size) {
            List<List<FileMetaData>> levels = new ArrayList<>();
            for (int i = 0; i < numLevels; i++) {
                levels.add(new ArrayList<>(version.files(i)));
            }
            long smallSeq = nextSequence;
            long largeSeq = nextSequence + 9;
            nextSequence += 10;
            FileMetaData f = file(nextNumber++, String.valueOf(from), String.valueOf(to), smallSeq, largeSeq, size);
            levels.get(0).add(f);
            points.put(f.number(), pointsOf(String.valueOf(from), String.valueOf(to), smallSeq, largeSeq));
            version = Version.of(levels);
        }

        /**
         * Throws AssertionError unless: levels 1+ are sorted and do not overlap; L0 sequence ranges
         * do not interleave; and for every key, each copy is newer than every copy below it.
         */
        void checkInvariants() {
            for (int level = 1; level < numLevels; level++) {
                List<FileMetaData> files = version.files(level);
                for (int i = 1; i < files.size(); i++) {
                    if (InternalKey.compareUserKeys(files.get(i - 1).largest(), files.get(i).smallest()) >= 0) {
                        fail("L" + level + " files " + files.get(i - 1).number() + " and " + files.get(i).number()
                                + " overlap");
                    }
                }
            }
            List<FileMetaData> l0 = version.files(0);
            for (int i = 1; i < l0.size(); i++) {
                if (l0.get(i - 1).smallestSequence() <= l0.get(i).largestSequence()) {
                    fail("L0 files " + l0.get(i - 1).number() + " and " + l0.get(i).number() + " interleave");
                }
            }
            // Copies of each key, top (newest) to bottom: L0 newest first, then levels.
            Map<String, long[]> above = new HashMap<>(); // key -> {smallestSeq, file} of the copy above
            List<FileMetaData> topDown = new ArrayList<>(l0);
            for (int level = 1; level < numLevels; level++) {
                topDown.addAll(version.files(level));
            }
            for (FileMetaData f : topDown) {
                for (Map.Entry<String, long[]> e : points.get(f.number()).entrySet()) {
                    long[] prev = above.get(e.getKey());
                    if (prev != null && prev[0] <= e.getValue()[1]) {
                        fail("key " + e.getKey() + " in file " + prev[1] + " (seq >= " + prev[0]
                                + ") is not newer than in file " + f.number() + " (seq <= " + e.getValue()[1] + ")");
                    }
                    long[] here = new long[] {e.getValue()[0], f.number()};
                    if (prev == null || here[0] < prev[0]) {
                        above.put(e.getKey(), here);
                    }
                }
            }
        }

        /**
         * Picks and applies compactions one at a time until {@code picker} returns null, checking
         * the invariants after each step.
         *
         * @return the picks, described
         * @throws AssertionError if it takes more than {@code maxSteps} picks
         */
        List<String> settle(CompactionPicker picker, int maxSteps) {
            List<String> log = new ArrayList<>();
            checkInvariants();
            while (true) {
                Compaction c = picker.pick(version, Set.of(), BusyRanges.none());
                if (c == null) {
                    return log;
                }
                if (log.size() == maxSteps) {
                    fail("no convergence after " + maxSteps + " picks: " + log);
                }
                log.add(describe(c));
                apply(c);
                checkInvariants();
            }
        }

        private void fail(String what) {
            throw new AssertionError(what + " in\n" + format(version));
        }

        @Override
        public String toString() {
            return format(version);
        }
    }
}
