package io.sediment.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Measures the disk's raw fsync rate the way a write-ahead log meets it: append a small record to
 * a file and {@code force} it, in a loop, for a fixed time. This is the ceiling for one writer
 * syncing every write to an appended log; group commit beats it by sharing one fsync among several
 * writers. With {@code inPlace} the record is rewritten at offset 0 instead, so the file's size
 * never changes and each fsync carries no metadata: the ceiling for a log in a preallocated file
 * (as iq80 LevelDB's memory-mapped log is).
 */
final class DiskProbe {
    private static final int RECORD = 128;

    private DiskProbe() {
    }

    /** Writes-and-fsyncs in {@code dir} for {@code millis}; returns {ops, elapsed nanos}. */
    static long[] fsyncLoop(Path dir, long millis, boolean inPlace) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("fsync-probe.dat");
        ByteBuffer record = ByteBuffer.allocate(RECORD);
        long ops = 0;
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (System.nanoTime() < deadline) {
                record.clear();
                long position = inPlace ? 0 : ops * RECORD;
                while (record.hasRemaining()) {
                    position += ch.write(record, position);
                }
                ch.force(false);
                ops++;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new long[] {ops, System.nanoTime() - start};
    }
}
