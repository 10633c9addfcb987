package io.sediment.engine;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process that {@link CrashTest} kills. Applies the deterministic operation sequence of
 * {@link CrashOps} to a database, printing {@code ACK n} after operation {@code n} returns, with
 * flushes and compactions along the way, until it is killed.
 * Arguments: directory, first operation, seed, style.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        Random rnd = new Random(Long.parseLong(args[2]));
        Options options = CrashOps.options().compactionStyle(CompactionStyle.valueOf(args[3]));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        try (Db db = Db.open(dir, options)) {
            out.println("OPEN");
            for (long n = first; ; n++) {
                CrashOps.apply(db, n, rnd.nextInt(3) == 0 ? WriteOptions.defaults() : WriteOptions.sync());
                out.println("ACK " + n);
                int r = rnd.nextInt(2000);
                if (r == 0) {
                    db.flush();
                } else if (r == 1) {
                    db.compact(rnd.nextInt(2));
                } else if (r == 2) {
                    db.setCompactionStyle(rnd.nextBoolean() ? CompactionStyle.LEVELED : CompactionStyle.TIERED);
                }
            }
        }
    }
}
