package io.sediment.engine.compaction;

import static io.sediment.engine.compaction.TreeText.busy;
import static io.sediment.engine.compaction.TreeText.describe;
import static io.sediment.engine.compaction.TreeText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sediment.engine.version.FileMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Switching compaction style on a live tree: each picker must take whatever shape the other
 * left, including compactions the other style still has running, and bring the tree into its
 * own shape in a bounded number of steps without breaking the tree's invariants.
 */
class StyleSwitchPickerTest {
    private static final CompactionConfig CONFIG = LeveledPickerTest.CONFIG;
    private final LeveledPicker leveled = new LeveledPicker(CONFIG);
    private final TieredPicker tiered = new TieredPicker(CONFIG);

    @Test
    void tieredShapeSettlesUnderLeveled() {
        TreeText.Tree tree = TreeText.tree("""
                L0: 48[a..z] 1MB, 47[c..k] 2MB, 46[a..b] 4MB, 45[m..z] 8MB
                L0: 44[a..z] 16MB, 43[d..q] 32MB, 42[a..z] 64MB, 41[b..y] 128MB
                L3: 10[a..z] 900MB
                """);
        List<String> steps = tree.settle(leveled, 40);
        // All of L0 (score 2) goes to the empty L1 first, then L1 and L2 drain one level at a time.
        assertEquals("L0:[48,47,46,45,44,43,42,41] -> L1 (L0 file count 8 >= 4)", steps.get(0));
        assertEquals("L1:[49] -> L2 (L1 score 25.50 (255.0MB > target 10.0MB))", steps.get(1));
        LeveledPickerTest.assertInShape(tree.version());
    }

    @Test
    void leveledShapeSettlesUnderTiered() {
        TreeText.Tree tree = TreeText.tree("""
                L0: 33[a..k] 1MB, 32[c..z] 1MB, 31[a..z] 1MB
                L1: 20[a..f] 4MB, 21[g..p] 3MB, 22[q..z] 3MB
                L2: 10[a..m] 50MB, 11[n..z] 50MB
                L3: 5[a..z] 1000MB
                """);
        List<String> steps = tree.settle(tiered, 20);
        // The three similar L0 runs merge first; L1 holds data, so the result stays in L0.
        assertEquals("L0:[33,32,31] -> L0 (size ratio)", steps.get(0));
        TieredPickerTest.assertRunsSettled(tree.version());
    }

    @Test
    void tieredShapeWithManyLevelsSettlesUnderLeveled() {
        TreeText.Tree tree = TreeText.tree("""
                L0: 40[a..z] 5MB, 39[a..m] 5MB
                L2: 20[a..z] 700MB
                L4: 10[a..z] 2MB
                L5: 5[a..z] 40GB
                """);
        tree.settle(leveled, 40);
        LeveledPickerTest.assertInShape(tree.version());
    }

    @Test
    void tieredShapeSettlesUnderDynamicLeveledWithNothingAboveTheBaseLevel() {
        CompactionConfig dynamic = DynamicLevelTargetsTest.DYNAMIC;
        TreeText.Tree tree = TreeText.tree("""
                L0: 40[a..z] 5MB, 39[a..m] 5MB
                L2: 20[a..z] 700MB
                L4: 10[a..z] 2MB
                L5: 5[a..z] 40GB
                """);
        tree.settle(new LeveledPicker(dynamic), 40);
        LeveledPickerTest.assertInShape(dynamic, tree.version());
        LevelTargets targets = LevelTargets.of(dynamic, tree.version());
        assertEquals(2, targets.baseLevel());
        assertTrue(tree.version().files(1).isEmpty() && tree.version().files(2).isEmpty(), tree::toString);
        assertEquals(40L << 30, tree.version().levelBytes(6), tree::toString);
    }

    @Test
    void leveledDoesNotTouchL0WhileATieredMergeOfL0IsRunning() {
        String tree = """
                L0: 9[a..c] 1MB, 8[a..c] 1MB, 7[a..c] 1MB, 6[a..c] 1MB, 5[a..c] 1MB
                L1: 3[a..z] 11MB
                """;
        Compaction running = tiered.pick(parse(tree), Set.of(), BusyRanges.none());
        assertEquals("L0:[9,8,7,6,5] -> L0 (size ratio)", describe(running));
        assertEquals("L0:[9,8,7,6,5] L1:[3] -> L1 (L0 file count 5 >= 4)", describe(leveled.pick(parse(tree),
                Set.of(), BusyRanges.none())));
        // With L0 busy, leveled goes to the next level over target.
        assertEquals("L1:[3] -> L2 (L1 score 1.10 (11.0MB > target 10.0MB))", describe(leveled.pick(parse(tree),
                TreeText.busyFiles(List.of(running)), TreeText.busyOutputs(List.of(running)))));
        assertEquals("none", describe(leveled.pick(parse(tree), busy(9, 8, 7, 6, 5, 3), BusyRanges.none())));
    }

    @Test
    void tieredWorksAroundARunningLeveledCompaction() {
        String tree = """
                L0: 9[a..c] 1MB, 8[a..c] 1MB
                L1: 3[a..c] 6MB, 4[m..p] 6MB
                L2: 5[a..c] 20MB
                L3: 6[a..z] 20MB
                L6: 1[a..z] 10GB
                """;
        Compaction running = leveled.pick(parse(tree), Set.of(), BusyRanges.none());
        assertEquals("L1:[4] -> L2 (L1 score 1.20 (12.0MB > target 10.0MB))", describe(running));
        // L1 is busy; the L0 runs may not reach past it, and L2 + L3 are similar.
        assertEquals("L0:[9,8] -> L0 (size ratio)", describe(tiered.pick(parse(tree),
                TreeText.busyFiles(List.of(running)), TreeText.busyOutputs(List.of(running)))));
        assertEquals("L2:[5] L3:[6] -> L3 (size ratio)", describe(tiered.pick(parse(tree),
                busy(9, 4), TreeText.busyOutputs(List.of(running)))));
    }

    /**
     * Flushes, up to three compactions at a time finishing in random order, and a style switch
     * every few steps; invariants are checked after every change and every pick is checked
     * against what is running. At the end the tree must settle under the last style.
     */
    @Test
    void randomSchedulesWithStyleSwitchesKeepTheInvariants() {
        for (long seed = 1; seed <= 40; seed++) {
            simulate(seed);
        }
    }

    private void simulate(long seed) {
        Random random = new Random(seed);
        TreeText.Tree tree = TreeText.tree(seed % 2 == 0 ? "" : """
                L1: 20[a..f] 4MB, 21[g..p] 3MB, 22[q..z] 3MB
                L2: 10[a..m] 50MB, 11[n..z] 50MB
                L3: 5[a..z] 1000MB
                """);
        List<Compaction> running = new ArrayList<>();
        CompactionPicker picker = seed % 3 == 0 ? tiered : leveled;
        int flushes = 0;
        for (int step = 0; step < 300; step++) {
            if (random.nextInt(20) == 0) {
                picker = picker == leveled ? tiered : leveled;
            }
            int action = random.nextInt(3);
            if (action == 0 && flushes < 80) {
                char from = (char) ('a' + random.nextInt(26));
                char to = (char) (from + random.nextInt('z' - from + 1));
                tree.flush(from, to, (1 + random.nextInt(4)) << 20);
                flushes++;
            } else if (action == 1 && running.size() < 3) {
                Compaction c = picker.pick(tree.version(), TreeText.busyFiles(running),
                        TreeText.busyOutputs(running));
                if (c != null) {
                    checkAgainstRunning(c, running, seed, tree);
                    running.add(c);
                }
            } else if (!running.isEmpty()) {
                tree.apply(running.remove(random.nextInt(running.size())));
            }
            try {
                tree.checkInvariants();
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " step " + step + ": " + e.getMessage(), e);
            }
        }
        while (!running.isEmpty()) {
            tree.apply(running.remove(0));
            tree.checkInvariants();
        }
        tree.settle(picker, 200);
        if (picker == leveled) {
            LeveledPickerTest.assertInShape(tree.version());
        } else {
            TieredPickerTest.assertRunsSettled(tree.version());
        }
    }

    private static void checkAgainstRunning(Compaction c, List<Compaction> running, long seed, TreeText.Tree tree) {
        Set<Long> busy = TreeText.busyFiles(running);
        for (FileMetaData f : c.allFiles()) {
            if (busy.contains(f.number())) {
                fail("seed " + seed + ": " + describe(c) + " takes busy file " + f.number() + " in\n" + tree);
            }
        }
        List<FileMetaData> all = c.allFiles();
        assertFalse(all.isEmpty());
        assertFalse(TreeText.busyOutputs(running).overlaps(c.outputLevel(), PickerInputs.smallestUserKey(all),
                PickerInputs.largestUserKey(all)), () -> "seed " + seed + ": " + describe(c)
                + " writes where a running compaction writes in\n" + tree);
        assertTrue(c.outputLevel() >= c.startLevel());
    }
}
