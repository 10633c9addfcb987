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

/** {@link TieredPicker} on trees written as text; picks compared as text. */
class TieredPickerTest {
    private static final CompactionConfig CONFIG = LeveledPickerTest.CONFIG;
    private final TieredPicker picker = new TieredPicker(CONFIG);

    /** 3 similar L0 runs over a big L3 and a bigger L6: 5 runs, 10% space amplification. */
    private static final String SIMILAR_L0 = """
            L0: 9[a..c] 1MB, 8[d..f] 1MB, 7[a..z] 1MB
            L3: 5[a..z] 100MB
            L6: 1[a..z] 1GB
            """;

    private String pick(String tree) {
        return pick(tree, Set.of(), BusyRanges.none());
    }

    private String pick(String tree, Set<Long> busy, BusyRanges busyOutputs) {
        return describe(picker.pick(parse(tree), busy, busyOutputs));
    }

    private static BusyRanges writing(int... levels) {
        BusyRanges r = BusyRanges.none();
        for (int level : levels) {
            r.add(level, "a".getBytes(StandardCharsets.US_ASCII), "z".getBytes(StandardCharsets.US_ASCII));
        }
        return r;
    }

    @Test
    void fewerRunsThanTheTriggerNeedNothing() {
        assertEquals("none", pick(""));
        assertEquals("none", pick("L0: 9[a..c] 1MB, 8[a..c] 1MB, 7[a..c] 1MB"));
        // Leveled shape: each level is one run, 3 runs in all.
        assertEquals("none", pick("""
                L0: 9[a..c] 1MB
                L1: 3[a..c] 10MB, 4[d..f] 10MB
                L2: 5[a..z] 100MB
                """));
        assertEquals(0, picker.pendingCompactionBytes(parse("L0: 9[a..c] 1MB\nL6: 1[a..z] 1MB")));
        assertEquals("TIERED", picker.style());
    }

    @Test
    void spaceAmplificationMergesEverything() {
        assertEquals("L0:[9,8,7] L6:[1] -> L6 (space amplification 300%)", pick("""
                L0: 9[a..c] 1MB, 8[a..c] 1MB, 7[a..c] 1MB
                L6: 1[a..z] 1MB
                """));
        // Exactly at the limit counts.
        assertEquals("L0:[9,8] L2:[5] L6:[1] -> L6 (space amplification 200%)", pick("""
                L0: 9[a..c] 1MB, 8[a..c] 1MB
                L2: 5[a..z] 2MB
                L6: 1[a..z] 2MB
                """));
        // Only L0 runs: everything goes to the last level.
        assertEquals("L0:[4,3,2,1] -> L6 (space amplification 300%)",
                pick("L0: 4[a..b] 1MB, 3[a..b] 1MB, 2[a..b] 1MB, 1[a..b] 1MB"));
    }

    @Test
    void sizeRatioMergesSimilarNewRunsAboveTheFirstNonEmptyLevel() {
        // L0 is merged whole, and the oldest L0 file is in: it lands in L2, the deepest empty level above L3.
        assertEquals("L0:[9,8,7] -> L2 (size ratio)", pick(SIMILAR_L0));
    }

    @Test
    void sizeRatioSkipsARunThatStartsNothing() {
        // 9 (1MB) has nothing within 1%; 8, 7 and L1 (10, 10, 12MB) do.
        assertEquals("L0:[8,7] L1:[4] -> L1 (size ratio)", pick("""
                L0: 9[a..z] 1MB, 8[a..z] 10MB, 7[a..z] 10MB
                L1: 4[a..z] 12MB
                L6: 1[a..z] 1GB
                """));
    }

    @Test
    void sizeRatioBoundaryIsInclusive() {
        // 101 <= 100 * 1.01: merged; the oldest L0 file is not in, so the output stays in L0.
        assertEquals("L0:[4,3] -> L0 (size ratio)", pick("""
                L0: 4[a..b] 100B, 3[a..b] 101B, 2[a..b] 500B
                L6: 1[a..z] 1GB
                """));
        // 102 > 101: no similar runs, and 4 runs are not more than trigger + 1: nothing is due.
        assertEquals("none", pick("""
                L0: 4[a..b] 100B, 3[a..b] 102B, 2[a..b] 500B
                L6: 1[a..z] 1GB
                """));
    }

    @Test
    void runCountMergesTheNewestRunsWhenNothingElseApplies() {
        // No two runs are similar and space amplification is low: up to trigger + 1 = 5 runs wait.
        assertEquals("none", pick("""
                L0: 9[a..z] 1MB
                L2: 5[a..z] 10MB
                L4: 3[a..z] 100MB
                L6: 1[a..z] 1000MB
                """));
        assertEquals(0, picker.pendingCompactionBytes(parse("""
                L0: 9[a..z] 1MB, 8[a..z] 3MB
                L2: 5[a..z] 10MB
                L3: 4[a..z] 100MB
                L6: 1[a..z] 10GB
                """)));
        // 6 runs: the newest two merge, back to 5 runs (the big old runs stay out of it).
        assertEquals("L0:[9,8] -> L1 (run count 6 > 5)", pick("""
                L0: 9[a..z] 1MB, 8[a..z] 3MB
                L2: 5[a..z] 10MB
                L3: 4[a..z] 100MB
                L4: 3[a..z] 1GB
                L6: 1[a..z] 10GB
                """));
        // 7 runs: the newest three.
        assertEquals("L0:[9,8,7] -> L1 (run count 7 > 5)", pick("""
                L0: 9[a..z] 1MB, 8[a..z] 3MB, 7[a..z] 10MB
                L2: 5[a..z] 100MB
                L3: 4[a..z] 1GB
                L4: 3[a..z] 10GB
                L6: 1[a..z] 100GB
                """));
    }

    @Test
    void outputLevelPlacement() {
        // Oldest L0 file in, but L1 holds data: stay in L0.
        assertEquals("L0:[9,8,7] -> L0 (size ratio)", pick("""
                L0: 9[a..c] 1MB, 8[d..f] 1MB, 7[a..z] 1MB
                L1: 4[a..z] 100MB
                L6: 1[a..z] 1GB
                """));
        // The deepest empty level is bounded by the number of levels.
        assertEquals("L0:[4,3,2,1] -> L2 (space amplification 300%)", describe(new TieredPicker(
                new CompactionConfig(3, 10L << 20, 10, false, 2L << 20, 4, 1, 2, 200)).pick(
                parse("L0: 4[a..b] 1MB, 3[a..b] 1MB, 2[a..b] 1MB, 1[a..b] 1MB", 3), Set.of(), BusyRanges.none())));
        // The oldest merged run is a level: the output goes there.
        assertEquals("L2:[5] L3:[6] -> L3 (size ratio)", pick("""
                L0: 9[a..z] 1KB, 8[a..z] 100KB
                L2: 5[a..z] 100MB
                L3: 6[a..z] 100MB
                L6: 1[a..z] 10GB
                """));
        // With one level only, everything stays in L0.
        assertEquals("L0:[4,3,2,1] -> L0 (space amplification 300%)", describe(new TieredPicker(
                new CompactionConfig(1, 10L << 20, 10, false, 2L << 20, 4, 1, 2, 200)).pick(
                parse("L0: 4[a..b] 1MB, 3[a..b] 1MB, 2[a..b] 1MB, 1[a..b] 1MB", 1), Set.of(), BusyRanges.none())));
    }

    @Test
    void busyRunsAreNeverMerged() {
        // A busy newest run: start after it.
        assertEquals("L0:[8,7] -> L2 (size ratio)", pick(SIMILAR_L0, busy(9), BusyRanges.none()));
        // A busy run in the middle breaks the chain, and 5 runs are not more than trigger + 1.
        assertEquals("none", pick(SIMILAR_L0, busy(8), BusyRanges.none()));
        // Any busy run rules out the merge of everything; the rest fits above the busy L6.
        assertEquals("L0:[9,8,7] -> L5 (size ratio)", pick("""
                L0: 9[a..c] 1MB, 8[a..c] 1MB, 7[a..c] 1MB
                L6: 1[a..z] 1MB
                """, busy(1), BusyRanges.none()));
        assertEquals("none", pick(SIMILAR_L0, busy(9, 7, 1), BusyRanges.none()));
    }

    @Test
    void busyOutputRangesAreRespected() {
        // L2 (and L1 above it) being written: the merged L0 files stay in L0.
        assertEquals("L0:[9,8,7] -> L0 (size ratio)", pick(SIMILAR_L0, Set.of(), writing(2)));
        assertEquals("L0:[9,8,7] -> L0 (size ratio)", pick(SIMILAR_L0, Set.of(), writing(1)));
        assertEquals("L0:[9,8,7] -> L2 (size ratio)", pick(SIMILAR_L0, Set.of(), writing(4)));
        // L0 too: every L0-only merge is dropped, and 5 runs are not more than trigger + 1.
        assertEquals("none", pick(SIMILAR_L0, Set.of(), writing(0, 2)));
        assertEquals("none", pick(SIMILAR_L0, Set.of(), writing(0, 2, 3, 6)));
    }

    @Test
    void pendingBytes() {
        assertEquals(3L << 20, picker.pendingCompactionBytes(parse(SIMILAR_L0)));
        assertEquals(4L << 20, picker.pendingCompactionBytes(parse("""
                L0: 9[a..c] 1MB, 8[a..c] 1MB, 7[a..c] 1MB
                L6: 1[a..z] 1MB
                """)));
    }

    @Test
    void manualCompactionIsTheSameAsLeveled() {
        Version v = parse(SIMILAR_L0);
        assertEquals("L0:[9,8,7] -> L1 (manual)", describe(picker.manual(v, 0, Set.of())));
        assertEquals("L3:[5] -> L4 (manual)", describe(picker.manual(v, 3, Set.of())));
        assertEquals("L6:[1] -> L6 (manual)", describe(picker.manual(v, 6, Set.of())));
        assertEquals("none", describe(picker.manual(v, 0, busy(8))));
        assertEquals("TIERED", picker.manual(v, 0, Set.of()).style());
        assertThrows(IllegalArgumentException.class, () -> picker.manual(v, 9, Set.of()));
    }

    @Test
    void manyL0RunsSettleIntoFewRuns() {
        TreeText.Tree tree = TreeText.tree("""
                L0: 18[a..z] 1MB, 17[c..k] 1MB, 16[a..b] 2MB, 15[m..z] 1MB, 14[a..z] 4MB, 13[d..q] 1MB
                L0: 12[a..z] 8MB, 11[b..y] 1MB
                """);
        List<String> steps = tree.settle(picker, 20);
        assertTrue(!steps.isEmpty());
        assertRunsSettled(tree.version());
    }

    /** A tree the tiered picker leaves alone holds at most trigger + 1 runs. */
    static void assertRunsSettled(Version v) {
        int runs = v.files(0).size();
        for (int level = 1; level < v.numLevels(); level++) {
            runs += v.files(level).isEmpty() ? 0 : 1;
        }
        assertTrue(runs <= CONFIG.level0CompactionTrigger() + 1, runs + " runs in\n" + TreeText.format(v));
    }
}
