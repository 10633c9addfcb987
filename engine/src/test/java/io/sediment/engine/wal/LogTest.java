package io.sediment.engine.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.StorageException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import io.sediment.engine.wal.LogReader.LogReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named edge cases of the generic record log under the manifest. */
class LogTest {
    @TempDir
    Path dir;

    private final Random random = new Random(7);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Writes the records and returns the file offset after each one. */
    private static long[] write(Path file, List<byte[]> records) {
        long[] ends = new long[records.size()];
        try (LogWriter w = LogWriter.create(file)) {
            for (int i = 0; i < records.size(); i++) {
                w.append(records.get(i));
                ends[i] = w.size();
            }
            w.sync();
        }
        return ends;
    }

    private static void assertRecords(List<byte[]> expected, LogReadResult result) {
        assertEquals(expected.size(), result.records().size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), result.records().get(i), "record " + i);
        }
    }

    private List<byte[]> records(int n, int maxLength) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(bytes(random.nextInt(maxLength + 1)));
        }
        return records;
    }

    @Test
    void emptyFile() {
        Path f = dir.resolve("MANIFEST-000001");
        LogWriter.create(f).close();
        LogReadResult r = LogReader.readAll(f);
        assertEquals(List.of(), r.records());
        assertEquals(0, r.validBytes());
        assertNull(r.problem());
    }

    @Test
    void singleRecord() {
        Path f = dir.resolve("log");
        List<byte[]> records = List.of("edit".getBytes(StandardCharsets.UTF_8));
        long[] ends = write(f, records);
        assertEquals(8 + 4, ends[0]);
        LogReadResult r = LogReader.readAll(f);
        assertRecords(records, r);
        assertEquals(ends[0], r.validBytes());
        assertTrue(r.clean());
    }

    @Test
    void manyRecordsInOrderIncludingEmptyAndLarge() {
        Path f = dir.resolve("log");
        List<byte[]> records = records(3000, 200);
        records.add(1000, new byte[0]);
        records.add(2000, bytes(1 << 20));
        records.add(new byte[0]);
        long[] ends = write(f, records);
        LogReadResult r = LogReader.readAll(f);
        assertRecords(records, r);
        assertEquals(ends[ends.length - 1], r.validBytes());
        assertTrue(r.clean());
    }

    @Test
    void recordSpanningReadBufferBoundary() {
        int size = FileReadBuffer.SIZE;
        for (int k = 0; k <= 30; k++) {
            Path f = dir.resolve("log-" + k);
            List<byte[]> records = List.of(bytes(size - k - LogWriter.HEADER_SIZE), bytes(20), bytes(2 * size + k));
            write(f, records);
            LogReadResult r = LogReader.readAll(f);
            assertRecords(records, r);
            assertTrue(r.clean(), "k=" + k);
        }
    }

    @Test
    void tornTailInHeaderAndPayload() throws IOException {
        Path f = dir.resolve("log");
        List<byte[]> records = records(3, 100);
        records.set(2, bytes(50));
        long[] ends = write(f, records);
        long[] cuts = {ends[2] - 1, ends[1] + LogWriter.HEADER_SIZE, ends[1] + 7, ends[1] + 1};
        String[] reasons = {"torn record payload", "torn record payload", "torn record header", "torn record header"};
        for (int i = 0; i < cuts.length; i++) {
            RawRecords.truncate(f, cuts[i]);
            LogReadResult r = LogReader.readAll(f);
            assertRecords(records.subList(0, 2), r);
            assertEquals(ends[1], r.validBytes());
            assertTrue(r.problem().contains(reasons[i]) && r.problem().endsWith("at offset " + ends[1]), r.problem());
        }
    }

    @Test
    void badCrcInMiddleStopsThere() throws IOException {
        Path f = dir.resolve("log");
        List<byte[]> records = records(10, 100);
        records.set(4, bytes(10));
        long[] ends = write(f, records);
        RawRecords.flip(f, ends[3] + LogWriter.HEADER_SIZE + 3, 0x04);
        LogReadResult r = LogReader.readAll(f);
        assertRecords(records.subList(0, 4), r);
        assertEquals(ends[3], r.validBytes());
        assertTrue(r.problem().contains("checksum mismatch"), r.problem());
    }

    @Test
    void lengthFieldClaimsHugeSize() throws IOException {
        for (int length : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, LogWriter.MAX_RECORD_LENGTH + 1,
                LogWriter.MAX_RECORD_LENGTH, 1 << 20}) {
            Path f = dir.resolve("log" + length);
            byte[] good = RawRecords.logRecord(bytes(5));
            byte[] header = new byte[LogWriter.HEADER_SIZE];
            Bytes.putInt(header, 4, length);
            Bytes.putInt(header, 0, Crc.maskedCrc(header, 4, 4));
            RawRecords.append(f, good, header, bytes(64));
            LogReadResult r = LogReader.readAll(f);
            assertEquals(1, r.records().size());
            assertEquals(good.length, r.validBytes());
            assertTrue(r.problem().contains("impossible length") || r.problem().contains("torn record payload"),
                    r.problem());
        }
    }

    @Test
    void trailingZeroBytes() throws IOException {
        Path f = dir.resolve("log");
        List<byte[]> records = records(2, 50);
        long[] ends = write(f, records);
        RawRecords.append(f, new byte[1000]);
        LogReadResult r = LogReader.readAll(f);
        assertRecords(records, r);
        assertEquals(ends[1], r.validBytes());
        assertTrue(r.problem().contains("zero-filled tail"), r.problem());
    }

    @Test
    void createOnExistingFileFails() throws IOException {
        Path f = dir.resolve("MANIFEST-000002");
        write(f, records(2, 10));
        byte[] before = Files.readAllBytes(f);
        StorageException e = assertThrows(StorageException.class, () -> LogWriter.create(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void oversizedRecordRejectedAndCloseIsIdempotent() {
        Path f = dir.resolve("log");
        LogWriter w = LogWriter.create(f);
        assertThrows(IllegalArgumentException.class, () -> w.append(new byte[LogWriter.MAX_RECORD_LENGTH + 1]));
        assertEquals(0, w.size());
        w.append(new byte[] {1});
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.append(new byte[] {2}));
        assertRecords(List.of(new byte[] {1}), LogReader.readAll(f));
    }

    /** The bytes of a known record; if this changes, old manifests no longer open. */
    @Test
    void byteLayoutIsStable() throws IOException {
        Path f = dir.resolve("log");
        write(f, List.of(new byte[] {1, 2, 3}));
        byte[] all = Files.readAllBytes(f);
        assertEquals("03000000" + "010203", HexFormat.of().formatHex(all, 4, all.length));
        assertEquals(Crc.maskedCrc(all, 4, 7), Bytes.getInt(all, 0));
    }
}
