package io.sediment.bench.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Value bytes with a chosen compressibility, as db_bench makes them: a 1 MiB pool is built from
 * 100-byte pieces, each {@code compressibility × 100} random printable bytes repeated to fill the
 * piece, so a compressor shrinks a value to about {@code compressibility} of its size (1.0 =
 * incompressible). Values are consecutive slices of the pool. The pool is immutable and shared;
 * each thread takes its own {@link Cursor}, so generation is thread-safe and allocation is the
 * only per-value cost (a fresh array each time, because engines may keep it).
 */
public final class Values {
    private static final int POOL = 1 << 20;
    private static final int PIECE = 100;
    private final byte[] pool;
    private final int valueSize;

    public Values(int valueSize, double compressibility, long seed) {
        if (valueSize < 0 || valueSize > POOL / 2) {
            throw new IllegalArgumentException("value size must be in [0, " + POOL / 2 + "], was " + valueSize);
        }
        if (!(compressibility > 0 && compressibility <= 1)) {
            throw new IllegalArgumentException("compressibility must be in (0, 1], was " + compressibility);
        }
        this.valueSize = valueSize;
        this.pool = new byte[POOL];
        SplittableRandom random = new SplittableRandom(seed);
        int raw = Math.max(1, (int) Math.round(PIECE * compressibility));
        byte[] piece = new byte[raw];
        for (int pos = 0; pos < POOL; pos += PIECE) {
            for (int i = 0; i < raw; i++) {
                piece[i] = (byte) (' ' + random.nextInt(95));
            }
            for (int i = 0; i < PIECE && pos + i < POOL; i++) {
                pool[pos + i] = piece[i % raw];
            }
        }
    }

    public int valueSize() {
        return valueSize;
    }

    /** A per-thread source of values, starting at an offset derived from {@code stream}. */
    public Cursor cursor(int stream) {
        return new Cursor(Math.floorMod(stream * 7919 * 101, POOL - valueSize));
    }

    /** Hands out consecutive slices of the pool. Not thread-safe: one per thread. */
    public final class Cursor {
        private int position;

        private Cursor(int position) {
            this.position = position;
        }

        /** A new array of {@code valueSize} bytes. */
        public byte[] next() {
            if (position + valueSize > POOL) {
                position = 0;
            }
            byte[] v = Arrays.copyOfRange(pool, position, position + valueSize);
            position += valueSize;
            return v;
        }
    }
}
