package io.sediment.engine.compaction;

import static io.sediment.engine.compaction.TreeText.describe;
import static io.sediment.engine.compaction.TreeText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sediment.engine.version.Version;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ManualCompactions#pickRange} on trees written as text: where range compactions go. */
class ManualCompactionsTest {
    private static String range(Version v, int level, String from, String to) {
        return describe(ManualCompactions.pickRange(v, level, from.getBytes(StandardCharsets.US_ASCII),
                to.getBytes(StandardCharsets.US_ASCII), Set.of(), BusyRanges.none(), "LEVELED"));
    }

    @Test
    void aRangeSkipsEmptyLevelsToTheNextLevelHoldingData() {
        // The dynamic shape: L1..L4 empty. L0 goes straight to L5, not through four empty levels.
        Version v = parse("""
                L0: 9[c..f] 1MB, 8[x..y] 1MB
                L5: 3[a..d] 10MB, 4[m..p] 10MB
                L6: 5[a..z] 100MB
                """);
        // All of L0 goes (its files overlap each other); their hull [c..y] overlaps both L5 files.
        assertEquals("L0:[9,8] L5:[3,4] -> L5 (manual range)", range(v, 0, "a", "e"));
        assertEquals("L5:[4] L6:[5] -> L6 (manual range)", range(v, 5, "n", "o"));
        assertEquals("none", range(v, 3, "a", "z"));
    }

    @Test
    void withNothingBelowTheRangeGoesToTheNextLevel() {
        Version v = parse("L0: 9[c..f] 1MB\nL2: 3[a..d] 10MB");
        assertEquals("L0:[9] L2:[3] -> L2 (manual range)", range(v, 0, "a", "z"));
        assertEquals("L2:[3] -> L3 (manual range)", range(v, 2, "a", "z"));
    }
}
