package io.sediment.engine;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import io.sediment.engine.util.CrashPoints;

/**
 * The process that {@link CrashTest} kills. Applies the deterministic operation sequence of
 * {@link CrashOps} to a database, printing {@code ACK n} after operation {@code n} returns, with
 * flushes, compactions, style switches, held snapshots and checkpoints (reported as
 * {@code CHECKPOINT path n}: it holds exactly operations up to n) along the way, until it is killed.
 * Arguments: directory, first operation, seed, style, and optionally a {@link CrashPoints} name and
 * hit number n: the n-th time the engine passes that point the child prints {@code AT point} and
 * stops there (that thread blocks) until it is killed.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        Random rnd = new Random(Long.parseLong(args[2]));
        Options options = CrashOps.options().compactionStyle(CompactionStyle.valueOf(args[3]));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        if (args.length > 4) {
            String point = args[4];
            AtomicInteger hitsLeft = new AtomicInteger(Integer.parseInt(args[5]));
            CrashPoints.install(name -> {
                if (name.equals(point) && hitsLeft.decrementAndGet() == 0) {
                    out.println("AT " + name);
                    while (true) {
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            // keep waiting for kill -9
                        }
                    }
                }
            });
        }
        try (Db db = Db.open(dir, options)) {
            out.println("OPEN");
            java.util.List<Snapshot> snapshots = new java.util.ArrayList<>();
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
                } else if (r == 3) {
                    Path cp = dir.resolveSibling("checkpoint-" + n);
                    db.checkpoint(cp);
                    out.println("CHECKPOINT " + cp + " " + n);
                } else if (r < 10) {
                    Snapshot s = db.snapshot(); // held across later writes, flushes and compactions
                    snapshots.add(s);
                    if (snapshots.size() > 3) {
                        snapshots.remove(0).close();
                    }
                }
            }
        }
    }
}
