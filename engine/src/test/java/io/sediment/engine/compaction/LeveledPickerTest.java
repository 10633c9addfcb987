package io.sediment.engine.compaction;

import static io.sediment.engine.compaction.TreeText.busy;
import static io.sediment.engine.compaction.TreeText.describe;
import static io.sediment.engine.compaction.TreeText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.version.Version;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link LeveledPicker} on trees written as text; picks compared as text. */
class LeveledPickerTest {
    /** 7 levels, static targets, L1 10MB, x10 per level, L0 trigger 4; tiered: 1%, width 2, 200%. */
    static final CompactionConfig CONFIG = new CompactionConfig(7, 10L << 20, 10, false, 2L << 20, 4, 1, 2, 200);
    private final LeveledPicker picker = new LeveledPicker(CONFIG);

    private String pick(String tree) {
        return pick(tree, Set.of(), BusyRanges.none());
    }

    private String pick(String tree, Set<Long> busy, BusyRanges busyOutputs) {
        return describe(picker.pick(parse(tree), busy, busyOutputs));
    }

    private static BusyRanges writing(int level, String from, String to) {
        BusyRanges r = BusyRanges.none();
        r.add(level, from.getBytes(StandardCharsets.US_ASCII), to.getBytes(StandardCharsets.US_ASCII));
        return r;
    }

    @Test
    void emptyTreeNeedsNothing() {
        Version empty = parse("");
        assertEquals("none", describe(picker.pick(empty, Set.of(), BusyRanges.none())));
        assertEquals(0, picker.pendingCompactionBytes(empty));
        assertEquals("LEVELED", picker.style());
    }

    @Test
    void level0BelowTriggerWaits() {
        assertEquals("none", pick("""
                L0: 9[c..f] 1MB, 8[a..d] 1MB, 7[e..g] 1MB
                L1: 3[a..c] 5MB, 4[d..k] 3MB
                """));
    }

    @Test
    void level0AtTriggerTakesAllOfL0AndTheOverlappingL1Files() {
        assertEquals("L0:[9,8,7,6] L1:[3,4] -> L1 (L0 file count 4 >= 4)", pick("""
                L0: 9[c..f] 1MB, 8[a..d] 1MB, 7[e..g] 1MB, 6[b..c] 1MB
                L1: 3[a..c] 5MB, 4[d..k] 3MB, 5[m..p] 1MB
                """));
    }

    @Test
    void level0IntoEmptyL1() {
        assertEquals("L0:[4,3,2,1] -> L1 (L0 file count 4 >= 4)", pick("""
                L0: 4[a..b] 1MB, 3[a..b] 1MB, 2[a..b] 1MB, 1[a..b] 1MB
                L2: 5[a..z] 10MB
                """));
    }

    @Test
    void levelOverTargetMovesTheFileThatRewritesLeastBelow() {
        // 3 would rewrite 40MB of L2 for 6MB moved, 4 only 20MB.
        assertEquals("L1:[4] L2:[6,7] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick("""
                L1: 3[a..c] 6MB, 4[d..k] 6MB
                L2: 5[a..b] 30MB, 6[c..e] 10MB, 7[f..z] 10MB
                """));
    }

    @Test
    void aFileWithNothingBelowIsTheCheapest() {
        assertEquals("L1:[4] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick("""
                L1: 3[a..c] 6MB, 4[m..p] 6MB
                L2: 5[a..c] 30MB, 7[q..z] 10MB
                """));
    }

    @Test
    void equalRatiosGoToTheSmallestKey() {
        assertEquals("L1:[3] L2:[5] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick("""
                L1: 4[m..p] 6MB, 3[a..c] 6MB
                L2: 5[a..c] 6MB, 7[m..p] 6MB
                """));
    }

    @Test
    void highestScoreWins() {
        // L0 score 1.0, L1 2.5, L2 0.5: L1.
        assertEquals("L1:[3] -> L2 (L1 score 2.50 (25.0MB > target 10.0MB))", pick("""
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[a..b] 1MB
                L1: 3[a..c] 25MB
                L2: 5[x..z] 50MB
                """));
        // L0 score 1.5, L2 1.2: L0.
        assertEquals("L0:[11,10,9,8,7,6] L1:[3] -> L1 (L0 file count 6 >= 4)", pick("""
                L0: 11[a..b] 1MB, 10[a..b] 1MB, 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[a..b] 1MB
                L1: 3[a..c] 5MB
                L2: 5[x..z] 120MB
                """));
        // L2 score 3.0 beats L1 score 2.0.
        assertEquals("L2:[5] -> L3 (L2 score 3.00 (300.0MB > target 100.0MB))", pick("""
                L1: 3[a..c] 20MB
                L2: 5[x..z] 300MB
                """));
    }

    @Test
    void lastLevelIsNeverASourceByScore() {
        assertEquals("none", pick("L6: 5[a..z] 100GB"));
        assertEquals("none", describe(new LeveledPicker(new CompactionConfig(3, 10L << 20, 10, false, 2L << 20, 4, 1,
                2, 200)).pick(parse("L1: 3[a..c] 1MB\nL2: 5[a..z] 10GB", 3), Set.of(), BusyRanges.none())));
    }

    @Test
    void filesSharingABoundaryUserKeyMoveTogether() {
        assertEquals("L1:[3,4] L2:[6] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick("""
                L1: 3[a..c] 6MB, 4[c..f] 6MB
                L2: 6[e..g] 1MB, 7[x..z] 10MB
                """));
    }

    @Test
    void busyFilesAreSkipped() {
        String tree = """
                L1: 3[a..c] 6MB, 4[d..k] 6MB
                L2: 5[a..b] 30MB, 6[c..e] 10MB, 7[f..z] 10MB
                """;
        assertEquals("L1:[3] L2:[5,6] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick(tree, busy(4),
                BusyRanges.none()));
        assertEquals("L1:[3] L2:[5,6] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick(tree, busy(7),
                BusyRanges.none()));
        assertEquals("none", pick(tree, busy(6), BusyRanges.none()));
    }

    @Test
    void anyBusyL0FileKeepsL0Out() {
        String tree = """
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[a..b] 1MB, 10[x..y] 1MB
                L1: 3[a..c] 11MB
                """;
        assertEquals("L0:[9,8,7,6,10] L1:[3] -> L1 (L0 file count 5 >= 4)", pick(tree));
        // L0 is out; the next best level with score >= 1 (L1, 1.1) goes instead.
        assertEquals("L1:[3] -> L2 (L1 score 1.10 (11.0MB > target 10.0MB))", pick(tree, busy(6),
                BusyRanges.none()));
    }

    @Test
    void busyL1FileUnderL0KeepsL0Out() {
        String tree = """
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[b..d] 1MB
                L1: 3[a..c] 2MB, 4[x..z] 2MB
                """;
        assertEquals("none", pick(tree, busy(3), BusyRanges.none()));
        assertEquals("L0:[9,8,7,6] L1:[3] -> L1 (L0 file count 4 >= 4)", pick(tree, busy(4), BusyRanges.none()));
    }

    @Test
    void busyOutputRangesAreRespected() {
        String level0 = """
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[b..d] 1MB
                L1: 4[x..z] 2MB
                """;
        assertEquals("none", pick(level0, Set.of(), writing(1, "c", "e")));
        assertEquals("L0:[9,8,7,6] -> L1 (L0 file count 4 >= 4)", pick(level0, Set.of(), writing(1, "e", "w")));
        assertEquals("L0:[9,8,7,6] -> L1 (L0 file count 4 >= 4)", pick(level0, Set.of(), writing(2, "a", "z")));

        String level1 = """
                L1: 3[a..c] 6MB, 4[m..p] 6MB
                L2: 7[q..z] 10MB
                """;
        // 4 would write [m..p] into L2: taken. 3 writes [a..c].
        assertEquals("L1:[3] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick(level1, Set.of(),
                writing(2, "n", "o")));
        // The range written is the hull of the inputs of both levels: 4 with 7 writes [m..z].
        String hull = """
                L1: 3[a..c] 6MB, 4[m..q] 6MB
                L2: 5[a..c] 60MB, 7[q..z] 10MB
                """;
        assertEquals("L1:[4] L2:[7] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick(hull));
        assertEquals("L1:[3] L2:[5] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", pick(hull, Set.of(),
                writing(2, "r", "s")));
        assertEquals("none", pick(level1, Set.of(), writing(2, "a", "z")));
    }

    @Test
    void manualCompactionTakesAWholeLevel() {
        Version v = parse("""
                L0: 9[c..d] 1MB
                L1: 3[a..c] 6MB, 4[m..p] 6MB
                L2: 5[a..b] 30MB, 6[c..e] 10MB, 7[x..z] 10MB
                L6: 8[a..z] 1GB
                """);
        assertEquals("L0:[9] L1:[3] -> L1 (manual)", describe(picker.manual(v, 0, Set.of())));
        assertEquals("L1:[3,4] L2:[5,6] -> L2 (manual)", describe(picker.manual(v, 1, Set.of())));
        assertEquals("L2:[5,6,7] -> L3 (manual)", describe(picker.manual(v, 2, Set.of())));
        assertEquals("L6:[8] -> L6 (manual)", describe(picker.manual(v, 6, Set.of())));
        assertEquals("none", describe(picker.manual(v, 3, Set.of())));
        assertEquals("none", describe(picker.manual(v, 1, busy(6))));
        assertEquals("none", describe(picker.manual(v, 1, busy(4))));
        assertEquals("L1:[3,4] L2:[5,6] -> L2 (manual)", describe(picker.manual(v, 1, busy(7))));
        assertEquals("none", describe(picker.manual(v, 1, Set.of(), writing(2, "o", "o"))));
        assertEquals("LEVELED", picker.manual(v, 1, Set.of()).style());
        assertThrows(IllegalArgumentException.class, () -> picker.manual(v, 7, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> picker.manual(v, -1, Set.of()));
    }

    @Test
    void levelTargetsGrowByTheRatio() {
        Version v = parse("L0: 2[a..b] 1MB, 1[a..b] 1MB\nL1: 3[a..c] 15MB\nL6: 4[a..z] 1TB".replace("1TB", "1024GB"));
        LevelTargets targets = LevelTargets.of(CONFIG, v);
        assertEquals(1, targets.baseLevel());
        assertEquals(10L << 20, targets.targetBytes(1));
        assertEquals(1000L << 20, targets.targetBytes(3));
        assertEquals(1_000_000L << 20, targets.targetBytes(6));
        assertThrows(IllegalArgumentException.class, () -> targets.targetBytes(0));
        assertThrows(IllegalArgumentException.class, () -> targets.targetBytes(7));
        assertEquals(Long.MAX_VALUE, LevelTargets.of(CONFIG, parse("", 40)).targetBytes(39));
        assertEquals(0.5, targets.score(0));
        assertEquals(1.5, targets.score(1));
        assertEquals(0.0, targets.score(6));
    }

    @Test
    void pendingBytesCountWhatIsOverTarget() {
        assertEquals(0, picker.pendingCompactionBytes(parse("""
                L0: 9[a..b] 1MB, 8[a..b] 1MB
                L1: 3[a..c] 10MB
                L2: 5[a..z] 100MB
                L6: 6[a..z] 50GB
                """)));
        // L1 2MB over: it rewrites itself and ~10x as much below.
        assertEquals(22L << 20, picker.pendingCompactionBytes(parse("""
                L1: 3[a..c] 12MB
                L2: 5[a..z] 10MB
                """)));
        // L0 at trigger: 4MB of L0 + 9MB of L1; L1 then holds 13MB: 3MB over, x11.
        assertEquals((4L + 9 + 33) << 20, picker.pendingCompactionBytes(parse("""
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[a..b] 1MB
                L1: 3[a..c] 9MB
                """)));
    }

    @Test
    void treesSettleIntoTheirTargets() {
        TreeText.Tree tree = TreeText.tree("""
                L0: 20[a..z] 3MB, 19[c..f] 3MB, 18[a..b] 3MB, 17[g..m] 3MB, 16[n..z] 3MB
                L1: 10[a..e] 8MB, 11[f..k] 8MB, 12[l..z] 8MB
                L2: 13[a..m] 60MB, 14[n..z] 60MB
                L3: 15[a..z] 900MB
                """);
        List<String> steps = tree.settle(picker, 30);
        // L1 scores 2.4, L0 1.25, L2 1.2; 10 and 11 both rewrite 7.5 bytes of L2 per byte: smallest key.
        assertEquals("L1:[10] L2:[13] -> L2 (L1 score 2.40 (24.0MB > target 10.0MB))", steps.get(0));
        assertTrue(steps.size() >= 3, () -> steps.toString());
        assertInShape(tree.version());
    }

    static void assertInShape(Version v) {
        assertInShape(CONFIG, v);
    }

    static void assertInShape(CompactionConfig config, Version v) {
        LevelTargets targets = LevelTargets.of(config, v);
        for (int level = 0; level < v.numLevels(); level++) {
            double score = targets.score(level);
            assertTrue(score < 1, "L" + level + " score " + score + " in\n" + TreeText.format(v));
        }
    }
}
