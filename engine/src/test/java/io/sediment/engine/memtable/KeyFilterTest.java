package io.sediment.engine.memtable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memtable's key filter never forgets a key, and at its design load rarely reports an absent one. */
class KeyFilterTest {
    @Test
    void noFalseNegativesAndFewFalsePositivesAtDesignLoad() {
        int entries = 100_000;
        KeyFilter filter = new KeyFilter((long) entries * 150); // 16-byte keys, 100-byte values, node overhead
        Random rnd = new Random(7);
        Set<String> added = new HashSet<>();
        byte[][] keys = new byte[entries][];
        for (int i = 0; i < entries; i++) {
            keys[i] = new byte[rnd.nextInt(24)];
            rnd.nextBytes(keys[i]);
            filter.add(keys[i]);
            added.add(new String(keys[i], java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        for (byte[] k : keys) {
            assertTrue(filter.mayContain(k));
        }
        int falsePositives = 0;
        int probes = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] k = new byte[16];
            rnd.nextBytes(k);
            if (!added.contains(new String(k, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                probes++;
                falsePositives += filter.mayContain(k) ? 1 : 0;
            }
        }
        assertTrue(falsePositives < probes * 0.03, falsePositives + " false positives in " + probes);
    }

    @Test
    void aTinyFilterStillWorks() {
        KeyFilter filter = new KeyFilter(0);
        assertFalse(filter.mayContain(new byte[0]));
        filter.add(new byte[0]);
        assertTrue(filter.mayContain(new byte[0]));
    }
}
