package io.sediment.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The deterministic operation sequence shared by {@link CrashChild} and {@link CrashTest}: operation
 * {@code n} is a put of key n, except every seventh, which deletes key n-3, and every eleventh,
 * which is a batch putting n and deleting n-5. So the state after any prefix of operations is
 * known, and a recovered database can be checked against it.
 */
final class CrashOps {
    private CrashOps() {
    }

    static Options options() {
        return Options.defaults().writeBufferSize(32 << 10).targetFileSize(16 << 10).level1TargetBytes(64 << 10)
                .levelSizeRatio(4).level0CompactionTrigger(3).blockSize(1024);
    }

    static byte[] key(long n) {
        return String.format("key-%010d", n).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] value(long n) {
        byte[] v = new byte[40 + (int) (n % 60)];
        Arrays.fill(v, (byte) ('a' + n % 26));
        System.arraycopy(Long.toString(n).getBytes(StandardCharsets.US_ASCII), 0, v, 0, Long.toString(n).length());
        return v;
    }

    static void apply(Db db, long n, WriteOptions wo) {
        if (n % 11 == 10) {
            db.write(new WriteBatch().put(key(n), value(n)).delete(key(n - 5)), wo);
        } else if (n % 7 == 6) {
            db.delete(key(n - 3), wo);
        } else {
            db.put(key(n), value(n), wo);
        }
    }

    static void apply(TreeMap<String, byte[]> model, long n) {
        if (n % 11 == 10) {
            model.put(new String(key(n), StandardCharsets.US_ASCII), value(n));
            model.remove(new String(key(n - 5), StandardCharsets.US_ASCII));
        } else if (n % 7 == 6) {
            model.remove(new String(key(n - 3), StandardCharsets.US_ASCII));
        } else {
            model.put(new String(key(n), StandardCharsets.US_ASCII), value(n));
        }
    }
}
