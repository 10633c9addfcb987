package io.sediment.engine.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sediment.engine.wal.LogReader.LogReadResult;
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

/** A cut or a flipped byte anywhere in a record log leaves exactly the records before it. */
class LogPropertyTest {
    /** Kept in a field so that the quieter level holds; the warnings are expected here. */
    private static final Logger QUIET = Logger.getLogger(LogReader.class.getName());

    static {
        QUIET.setLevel(Level.SEVERE);
    }

    @Property(tries = 200)
    void readAllReturnsExactlyThePrefixBeforeTheDamage(@ForAll long seed, @ForAll boolean flip,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) throws IOException {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("log-property");
        Path file = dir.resolve("MANIFEST-000001");
        try {
            List<byte[]> records = new ArrayList<>();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                byte[] r = new byte[random.nextInt(20) == 0 ? 70_000 : random.nextInt(200)];
                random.nextBytes(r);
                records.add(r);
            }
            long[] ends = new long[count];
            try (LogWriter w = LogWriter.create(file)) {
                for (int i = 0; i < count; i++) {
                    w.append(records.get(i));
                    ends[i] = w.size();
                }
            }
            long size = Files.size(file);
            long intactUpTo = (long) (where * (flip ? size : size + 1));
            if (flip && size > 0) {
                RawRecords.flip(file, intactUpTo, 1 + random.nextInt(255));
            } else if (!flip) {
                RawRecords.truncate(file, intactUpTo);
            }
            int kept = 0;
            while (kept < count && ends[kept] <= intactUpTo) {
                kept++;
            }
            LogReadResult result = LogReader.readAll(file);
            assertEquals(kept, result.records().size());
            for (int i = 0; i < kept; i++) {
                assertArrayEquals(records.get(i), result.records().get(i));
            }
            long validBytes = kept == 0 ? 0 : ends[kept - 1];
            assertEquals(validBytes, result.validBytes());
            assertEquals(validBytes == Files.size(file), result.clean(), String.valueOf(result.problem()));
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }
}
