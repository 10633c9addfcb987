package io.sediment.engine.compaction;

import static io.sediment.engine.compaction.TreeText.describe;
import static io.sediment.engine.compaction.TreeText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.version.Version;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link LevelTargets} with dynamic level sizes and {@link LeveledPicker} driven by them, on trees
 * written as text: the base level sits where the last level holds about 90% of the data, the
 * levels above it stay empty, L0 compacts straight into it, data above it drains down, and a
 * growing tree keeps that shape.
 */
class DynamicLevelTargetsTest {
    /** As {@link LeveledPickerTest#CONFIG} (base 10MB, x10, 7 levels, L0 trigger 4) with dynamic targets. */
    static final CompactionConfig DYNAMIC = new CompactionConfig(7, 10L << 20, 10, true, 2L << 20, 4, 1, 2, 200);
    private final LeveledPicker picker = new LeveledPicker(DYNAMIC);

    private static LevelTargets targets(String tree) {
        return LevelTargets.of(DYNAMIC, parse(tree));
    }

    private String pick(String tree) {
        return describe(picker.pick(parse(tree), Set.of(), BusyRanges.none()));
    }

    @Test
    void anEmptyTreeCompactsL0StraightIntoTheLastLevel() {
        assertEquals(6, targets("").baseLevel());
        assertEquals("L0:[4,3,2,1] -> L6 (L0 file count 4 >= 4)", pick("""
                L0: 4[a..b] 1MB, 3[a..b] 1MB, 2[a..b] 1MB, 1[a..b] 1MB
                """));
    }

    @Test
    void aSmallTreeIsOneLevelUnderL0() {
        // The last level below the base size: it is the base level, its target the base size.
        LevelTargets t = targets("L6: 1[a..z] 8MB");
        assertEquals(6, t.baseLevel());
        assertEquals(10L << 20, t.targetBytes(6));
        for (int level = 1; level < 6; level++) {
            assertEquals(0, t.targetBytes(level), "L" + level);
        }
        assertEquals("L0:[5,4,3,2] L6:[1] -> L6 (L0 file count 4 >= 4)", pick("""
                L0: 5[a..b] 1MB, 4[a..b] 1MB, 3[a..b] 1MB, 2[a..b] 1MB
                L6: 1[a..z] 8MB
                """));
    }

    @Test
    void targetsAreSizedFromTheLastLevelUp() {
        // 5GB at the bottom: 5GB, 512MB, 51.2MB, 5.12MB -> 10MB (the base size is the floor).
        LevelTargets t = targets("L6: 1[a..z] 5GB");
        assertEquals(3, t.baseLevel());
        assertEquals(5L << 30, t.targetBytes(6));
        assertEquals((5L << 30) / 10, t.targetBytes(5));
        assertEquals((5L << 30) / 100, t.targetBytes(4));
        assertEquals(10L << 20, t.targetBytes(3));
        assertEquals(0, t.targetBytes(2));
        assertEquals(0, t.targetBytes(1));
        // Just over the base size at the bottom: one level more.
        assertEquals(5, targets("L6: 1[a..z] 11MB").baseLevel());
        assertEquals(6, targets("L6: 1[a..z] 10MB").baseLevel());
        // Huge trees: L1 is the base level, its target capped at the base size.
        LevelTargets huge = LevelTargets.of(DYNAMIC, parse("L6: 1[a..z] 100GB"));
        assertEquals(1, huge.baseLevel());
        assertEquals(10L << 20, huge.targetBytes(1));
    }

    @Test
    void theLastLevelHoldsAboutNinetyPercentAtAnySize() {
        for (long mb = 1L << 10; mb <= 1L << 20; mb = mb * 3 / 2) {
            LevelTargets t = targets("L6: 1[a..z] " + mb + "MB");
            long above = 0;
            for (int level = t.baseLevel(); level < 6; level++) {
                above += t.targetBytes(level);
            }
            double lastShare = (double) t.targetBytes(6) / (t.targetBytes(6) + above);
            assertTrue(lastShare >= 0.88 && lastShare <= 0.92, mb + "MB: last level share " + lastShare + ", " + t);
        }
        // Static targets for the same 5GB tree: L1..L5 may hold 1.1GB and L6 nothing is asked of it.
        LevelTargets fixed = LevelTargets.of(LeveledPickerTest.CONFIG, parse("L6: 1[a..z] 5GB"));
        assertEquals(1, fixed.baseLevel());
        assertEquals(10L << 20, fixed.targetBytes(1));
    }

    @Test
    void level0SkipsTheEmptyLevelsAboveTheBase() {
        String tree = """
                L0: 9[c..f] 1MB, 8[a..d] 1MB, 7[e..g] 1MB, 6[b..c] 1MB
                L3: 3[a..c] 4MB, 4[d..k] 3MB, 5[m..p] 1MB
                L4: 10[a..z] 50MB
                L6: 11[a..z] 5GB
                """;
        assertEquals(3, targets(tree).baseLevel());
        assertEquals("L0:[9,8,7,6] L3:[3,4] -> L3 (L0 file count 4 >= 4)", pick(tree));
        // The same tree with static targets: L0 goes to L1.
        assertEquals("L0:[9,8,7,6] -> L1 (L0 file count 4 >= 4)", describe(new LeveledPicker(LeveledPickerTest.CONFIG)
                .pick(parse(tree), Set.of(), BusyRanges.none())));
    }

    @Test
    void levelsBetweenBaseAndLastCompactByScore() {
        // L4's target is 51.2MB: 60MB scores 1.17.
        assertEquals("L4:[10] L5:[12] -> L5 (L4 score 1.17 (60.0MB > target 51.2MB))", pick("""
                L3: 3[a..c] 4MB
                L4: 10[a..m] 60MB
                L5: 12[a..m] 200MB, 13[n..z] 200MB
                L6: 11[a..z] 5GB
                """));
    }

    @Test
    void dataAboveTheBaseLevelDrainsDownAndL0NeverLandsBelowIt() {
        String tree = """
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB
                L1: 3[a..c] 2MB
                L6: 11[a..z] 5GB
                """;
        LevelTargets t = targets(tree);
        // L3 would be the base, but L1 holds data newer than L3..L6: L0 may only land in L1.
        assertEquals(1, t.baseLevel());
        assertTrue(t.draining(1));
        assertEquals(1.0, t.score(1));
        assertEquals("L1:[3] -> L2 (L1 score 1.00 (2.0MB above the base level L1 drains down))", pick(tree));
        TreeText.Tree settling = TreeText.tree(tree);
        List<String> steps = settling.settle(picker, 10);
        assertEquals(List.of("L1:[3] -> L2 (L1 score 1.00 (2.0MB above the base level L1 drains down))",
                "L2:[12] -> L3 (L2 score 1.00 (2.0MB above the base level L2 drains down))"), steps);
        assertEquals(3, LevelTargets.of(DYNAMIC, settling.version()).baseLevel());
    }

    @Test
    void l0AtTriggerGoesFirstIntoADrainingBase() {
        // L0 score 1.0 ties with the draining L1: the shallower level goes first, into L1.
        assertEquals("L0:[9,8,7,6] L1:[3] -> L1 (L0 file count 4 >= 4)", pick("""
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[a..b] 1MB
                L1: 3[a..c] 2MB
                L6: 11[a..z] 5GB
                """));
    }

    @Test
    void pendingBytesCountL0IntoTheBaseLevelAndDrainingLevels() {
        // In shape: nothing pending.
        assertEquals(0, picker.pendingCompactionBytes(parse("""
                L0: 9[a..b] 1MB
                L3: 3[a..c] 8MB
                L6: 11[a..z] 5GB
                """)));
        // L0 at trigger: 4MB of L0 + 8MB of the base L3; L3 then holds 12MB, 2MB over its 10MB: x11.
        assertEquals((4L + 8 + 22) << 20, picker.pendingCompactionBytes(parse("""
                L0: 9[a..b] 1MB, 8[a..b] 1MB, 7[a..b] 1MB, 6[a..b] 1MB
                L3: 3[a..c] 8MB
                L6: 11[a..z] 5GB
                """)));
        // A draining L2 (base L3): all 3MB move to L3 (x11), which then is 1MB over (x11).
        assertEquals((33L + 11) << 20, picker.pendingCompactionBytes(parse("""
                L2: 2[a..c] 3MB
                L3: 3[a..c] 8MB
                L6: 11[a..z] 5GB
                """)));
    }

    /**
     * Flushes of random key ranges into an empty tree, settling after each: the tree stays in
     * shape, nothing is above the base level, the base level only moves up as the data grows, and
     * once the tree is big the last level holds most of it.
     */
    @Test
    void aGrowingTreeKeepsTheShape() {
        Random rnd = new Random(7);
        TreeText.Tree tree = TreeText.tree("");
        int previousBase = 6;
        for (int flush = 0; flush < 400; flush++) {
            char from = (char) ('a' + rnd.nextInt(26));
            char to = (char) Math.min('z', from + rnd.nextInt(26));
            tree.flush(from, to, 4L << 20);
            tree.settle(picker, 50);
            Version v = tree.version();
            LevelTargets t = LevelTargets.of(DYNAMIC, v);
            LeveledPickerTest.assertInShape(DYNAMIC, v);
            for (int level = 1; level < t.baseLevel(); level++) {
                assertTrue(v.files(level).isEmpty(), "L" + level + " above base L" + t.baseLevel() + "\n" + tree);
            }
            assertTrue(t.baseLevel() <= previousBase, "base moved down to L" + t.baseLevel() + "\n" + tree);
            previousBase = t.baseLevel();
        }
        Version v = tree.version();
        long total = 0;
        for (int level = 0; level < v.numLevels(); level++) {
            total += v.levelBytes(level);
        }
        assertEquals(1600L << 20, total);
        assertEquals(3, previousBase);
        double lastShare = (double) v.levelBytes(6) / total;
        assertTrue(lastShare >= 0.8, "last level share " + lastShare + "\n" + tree);
    }
}
