package io.sediment.engine.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sediment.engine.wal.WalReader.ReplayResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Whatever happens to the tail or the middle of a WAL (a cut, a flipped byte, garbage appended),
 * replay delivers exactly the batches written before the damage, each whole and byte-identical,
 * and never throws.
 */
class WalPropertyTest {
    /** Kept in a field so that the quieter level holds; the warnings are expected here. */
    private static final Logger QUIET = Logger.getLogger(WalReader.class.getName());

    static {
        QUIET.setLevel(Level.SEVERE);
    }

    enum Damage { NONE, TRUNCATE, FLIP, APPEND_GARBAGE }

    @Property(tries = 300)
    void replayDeliversExactlyAPrefixOfWrittenBatches(@ForAll long seed, @ForAll Damage damage,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) throws IOException {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("wal-property");
        Path file = dir.resolve("000001.log");
        try {
            List<List<WalRecord>> batches = randomBatches(random);
            long[] ends = new long[batches.size()];
            try (WalWriter w = WalWriter.create(file)) {
                for (int i = 0; i < batches.size(); i++) {
                    w.append(batches.get(i));
                    ends[i] = w.size();
                }
            }
            long size = Files.size(file);
            long intactUpTo = size; // every batch ending at or before this offset must be delivered
            switch (damage) {
                case TRUNCATE -> {
                    intactUpTo = (long) (where * (size + 1));
                    RawRecords.truncate(file, intactUpTo);
                }
                case FLIP -> {
                    if (size > 0) {
                        intactUpTo = (long) (where * size);
                        RawRecords.flip(file, intactUpTo, 1 + random.nextInt(255));
                    }
                }
                case APPEND_GARBAGE -> {
                    byte[] garbage = new byte[1 + random.nextInt(100)];
                    random.nextBytes(garbage);
                    RawRecords.append(file, garbage);
                }
                case NONE -> { }
            }
            int kept = 0;
            while (kept < ends.length && ends[kept] <= intactUpTo) {
                kept++;
            }
            List<List<WalRecord>> delivered = new ArrayList<>();
            ReplayResult result = WalReader.replay(file, delivered::add);

            assertEquals(batches.subList(0, kept), delivered);
            long validBytes = kept == 0 ? 0 : ends[kept - 1];
            assertEquals(validBytes, result.validBytes());
            assertEquals(kept, result.batches());
            assertEquals(Files.size(file) - validBytes, result.droppedBytes());
            assertEquals(result.droppedBytes() == 0, result.clean(), String.valueOf(result.problem()));
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    private static List<List<WalRecord>> randomBatches(Random random) {
        List<List<WalRecord>> batches = new ArrayList<>();
        long sequence = 1 + random.nextInt(1000);
        int count = random.nextInt(30);
        for (int b = 0; b < count; b++) {
            List<WalRecord> batch = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                byte[] key = new byte[random.nextInt(24)];
                random.nextBytes(key);
                if (random.nextInt(4) == 0) {
                    batch.add(WalRecord.delete(sequence++, key));
                } else {
                    byte[] value = new byte[random.nextInt(40) == 0 ? 70_000 : random.nextInt(300)];
                    random.nextBytes(value);
                    batch.add(WalRecord.put(sequence++, key, value));
                }
            }
            batches.add(batch);
            sequence += random.nextInt(3);
        }
        return batches;
    }
}
