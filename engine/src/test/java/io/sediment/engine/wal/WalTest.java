package io.sediment.engine.wal;

import static io.sediment.engine.wal.RawRecords.LAST;
import static io.sediment.engine.wal.RawRecords.PUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.StorageException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import io.sediment.engine.wal.WalReader.ReplayResult;
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

/** Named edge cases of the write-ahead log, after LevelDB's log tests. */
class WalTest {
    @TempDir
    Path dir;

    private final Random random = new Random(42);

    /** Batches handed to the consumer plus the result of one replay. */
    private record Replayed(List<List<WalRecord>> batches, ReplayResult result) {
    }

    private static Replayed replay(Path file) {
        List<List<WalRecord>> batches = new ArrayList<>();
        ReplayResult result = WalReader.replay(file, batches::add);
        return new Replayed(batches, result);
    }

    /** Writes the batches and returns the file offset after each one. */
    private static long[] write(Path file, List<List<WalRecord>> batches) {
        long[] ends = new long[batches.size()];
        try (WalWriter w = WalWriter.create(file)) {
            for (int i = 0; i < batches.size(); i++) {
                w.append(batches.get(i));
                ends[i] = w.size();
            }
        }
        return ends;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} single-put batches with sequences 1..n. */
    private List<List<WalRecord>> puts(int n) {
        List<List<WalRecord>> batches = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            batches.add(List.of(WalRecord.put(i, bytes(16), bytes(100))));
        }
        return batches;
    }

    private static void assertStoppedAfter(Replayed r, List<List<WalRecord>> written, int kept,
            long validBytes, long fileSize, String reason) {
        assertEquals(written.subList(0, kept), r.batches());
        assertEquals(kept, r.result().batches());
        assertEquals(validBytes, r.result().validBytes());
        assertEquals(fileSize - validBytes, r.result().droppedBytes());
        long lastSequence = kept == 0 ? 0 : written.get(kept - 1).get(written.get(kept - 1).size() - 1).sequence();
        assertEquals(lastSequence, r.result().lastSequence());
        assertFalse(r.result().clean());
        assertTrue(r.result().problem().contains(reason), r.result().problem());
    }

    @Test
    void emptyFile() {
        Path f = dir.resolve("000001.log");
        WalWriter.create(f).close();
        Replayed r = replay(f);
        assertEquals(List.of(), r.batches());
        assertEquals(new ReplayResult(0, 0, 0, 0, null), r.result());
    }

    @Test
    void singleRecordBatch() throws IOException {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = List.of(List.of(WalRecord.put(7, utf8("key"), utf8("value"))));
        long[] ends = write(f, batches);
        assertEquals(20 + 1 + 3 + 5, ends[0]);
        assertEquals(ends[0], Files.size(f));
        Replayed r = replay(f);
        assertEquals(batches, r.batches());
        assertEquals(new ReplayResult(7, 1, ends[0], 0, null), r.result());
    }

    @Test
    void manyBatchesInOrder() throws IOException {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = new ArrayList<>();
        long seq = 1;
        for (int b = 0; b < 2000; b++) {
            List<WalRecord> batch = new ArrayList<>();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                batch.add(WalRecord.put(seq++, bytes(random.nextInt(30)), bytes(random.nextInt(200))));
            }
            batches.add(batch);
            seq += random.nextInt(3); // gaps between batches are allowed
        }
        long[] ends = write(f, batches);
        Replayed r = replay(f);
        assertEquals(batches, r.batches());
        assertTrue(r.result().clean());
        assertEquals(2000, r.result().batches());
        assertEquals(Files.size(f), r.result().validBytes());
        assertEquals(ends[ends.length - 1], r.result().validBytes());
        List<WalRecord> last = batches.get(batches.size() - 1);
        assertEquals(last.get(last.size() - 1).sequence(), r.result().lastSequence());
    }

    @Test
    void deleteRecords() {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = List.of(
                List.of(WalRecord.put(1, utf8("a"), utf8("1")), WalRecord.delete(2, utf8("b"))),
                List.of(WalRecord.delete(3, utf8("a"))),
                List.of(WalRecord.delete(4, utf8("c")), WalRecord.put(5, utf8("c"), utf8("3"))));
        write(f, batches);
        Replayed r = replay(f);
        assertEquals(batches, r.batches());
        WalRecord delete = r.batches().get(1).get(0);
        assertFalse(delete.isPut());
        assertEquals(0, delete.value().length);
        assertTrue(r.result().clean());
    }

    @Test
    void emptyKeyAndValue() {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = List.of(
                List.of(WalRecord.put(1, new byte[0], new byte[0])),
                List.of(WalRecord.delete(2, new byte[0]), WalRecord.put(3, new byte[0], utf8("v"))));
        write(f, batches);
        Replayed r = replay(f);
        assertEquals(batches, r.batches());
        assertTrue(r.result().clean());
    }

    @Test
    void largeRecord() {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = List.of(
                List.of(WalRecord.put(1, utf8("small"), utf8("x"))),
                List.of(WalRecord.put(2, bytes(100), bytes(1 << 20))),
                List.of(WalRecord.put(3, utf8("two"), bytes(70_000)), WalRecord.put(4, bytes(10), bytes(3 << 20))),
                List.of(WalRecord.delete(5, utf8("after"))));
        write(f, batches);
        Replayed r = replay(f);
        assertEquals(batches, r.batches());
        assertTrue(r.result().clean());
    }

    @Test
    void recordSpanningReadBufferBoundary() throws IOException {
        int size = FileReadBuffer.SIZE;
        // The second record starts k bytes before the first buffer boundary, so that the
        // boundary falls in its header (k = 1..19), flags (20), key (21..28), value (29..78)
        // or exactly between records (0, 79); the third record spans two more boundaries.
        for (int k = 0; k <= 80; k++) {
            Path f = dir.resolve("wal-" + k);
            List<List<WalRecord>> batches = List.of(
                    List.of(WalRecord.put(1, bytes(8), bytes(size - k - WalFormat.recordSize(8, 0)))),
                    List.of(WalRecord.put(2, bytes(8), bytes(50)), WalRecord.delete(3, bytes(5))),
                    List.of(WalRecord.put(4, bytes(8), bytes(2 * size + k))));
            long[] ends = write(f, batches);
            assertEquals(size - k, ends[0]);
            Replayed r = replay(f);
            assertEquals(batches, r.batches(), "k=" + k);
            assertTrue(r.result().clean(), "k=" + k);
        }
    }

    @Test
    void tornTailInHeader() throws IOException {
        List<List<WalRecord>> batches = puts(3);
        for (int cut = 1; cut < WalFormat.HEADER_SIZE; cut += 6) {
            Path f = dir.resolve("wal-" + cut);
            long[] ends = write(f, batches);
            RawRecords.truncate(f, ends[1] + cut);
            assertStoppedAfter(replay(f), batches, 2, ends[1], ends[1] + cut, "torn record header");
        }
    }

    @Test
    void tornTailInPayload() throws IOException {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = puts(3);
        long[] ends = write(f, batches);
        // Cut from the back, so that each cut shortens the file further.
        for (long cut : new long[] {ends[2] - 1, ends[1] + WalFormat.HEADER_SIZE + 5, ends[1] + WalFormat.HEADER_SIZE}) {
            RawRecords.truncate(f, cut);
            assertStoppedAfter(replay(f), batches, 2, ends[1], cut, "torn record payload");
        }
    }

    @Test
    void badCrcInLastRecordDropsIt() throws IOException {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = puts(3);
        long[] ends = write(f, batches);
        RawRecords.flip(f, ends[2] - 3, 0x10); // inside the last value
        assertStoppedAfter(replay(f), batches, 2, ends[1], ends[2], "checksum mismatch at offset " + ends[1]);
    }

    @Test
    void badCrcInMiddleStopsReplayThere() throws IOException {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = puts(10);
        long[] ends = write(f, batches);
        RawRecords.flip(f, ends[3] + 5, 0x01); // the sequence field of batch 4
        assertStoppedAfter(replay(f), batches, 4, ends[3], ends[9], "checksum mismatch");
        RawRecords.flip(f, ends[3] + 5, 0x01);
        RawRecords.flip(f, ends[1], 0x80); // the CRC field itself of batch 2
        assertStoppedAfter(replay(f), batches, 2, ends[1], ends[9], "checksum mismatch");
    }

    @Test
    void incompleteBatchAtTailDropped() throws IOException {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = List.of(
                List.of(WalRecord.put(1, utf8("a"), utf8("1"))),
                List.of(WalRecord.put(2, utf8("b"), utf8("2")), WalRecord.put(3, utf8("c"), utf8("3")),
                        WalRecord.put(4, utf8("d"), utf8("4"))));
        long[] ends = write(f, batches);
        long twoOfThree = ends[0] + 2L * WalFormat.recordSize(1, 1);
        RawRecords.truncate(f, twoOfThree);
        assertStoppedAfter(replay(f), batches, 1, ends[0], twoOfThree,
                "batch not ended by a LAST record before end of file at offset " + ends[0]);

        // The same with hand-made records: a batch whose last record lacks the LAST flag.
        Path g = dir.resolve("raw");
        RawRecords.append(g, RawRecords.walRecord(1, PUT | LAST, utf8("a"), utf8("1")),
                RawRecords.walRecord(2, PUT, utf8("b"), utf8("2")), RawRecords.walRecord(3, 0, utf8("c"), new byte[0]));
        Replayed r = replay(g);
        assertEquals(1, r.batches().size());
        assertEquals(WalFormat.recordSize(1, 1), r.result().validBytes());
        assertTrue(r.result().problem().contains("LAST"));
    }

    @Test
    void lengthFieldClaimsHugeSize() throws IOException {
        int[][] lengths = {
            {Integer.MAX_VALUE, 0}, {0, Integer.MAX_VALUE}, {Integer.MAX_VALUE, Integer.MAX_VALUE},
            {-1, 5}, {5, Integer.MIN_VALUE}, {WalFormat.MAX_KEY_LENGTH + 1, 0},
            {WalFormat.MAX_KEY_LENGTH, WalFormat.MAX_VALUE_LENGTH}, {0, 1 << 20},
        };
        for (int[] l : lengths) {
            Path f = dir.resolve("wal-" + l[0] + "-" + l[1]);
            byte[] good = RawRecords.walRecord(1, PUT | LAST, utf8("k"), utf8("v"));
            RawRecords.append(f, good, RawRecords.walHeader(2, l[0], l[1]), bytes(100));
            Replayed r = replay(f);
            assertEquals(1, r.batches().size());
            assertEquals(good.length, r.result().validBytes());
            assertEquals(120, r.result().droppedBytes());
            String problem = r.result().problem();
            assertTrue(problem.contains("impossible lengths") || problem.contains("torn record payload"), problem);
            assertTrue(problem.endsWith("at offset " + good.length), problem);
        }
    }

    @Test
    void trailingZeroBytes() throws IOException {
        Path f = dir.resolve("wal");
        List<List<WalRecord>> batches = puts(2);
        long[] ends = write(f, batches);
        RawRecords.append(f, new byte[4096]);
        assertStoppedAfter(replay(f), batches, 2, ends[1], ends[1] + 4096, "zero-filled tail");

        Path zeros = dir.resolve("zeros");
        RawRecords.append(zeros, new byte[1 << 16]);
        assertStoppedAfter(replay(zeros), batches, 0, 0, 1 << 16, "zero-filled tail");

        Path shortZeros = dir.resolve("short-zeros");
        write(shortZeros, batches);
        RawRecords.append(shortZeros, new byte[7]);
        assertStoppedAfter(replay(shortZeros), batches, 2, ends[1], ends[1] + 7, "torn record header");
    }

    @Test
    void nonIncreasingSequenceStops() throws IOException {
        byte[] k = utf8("k");
        byte[] v = utf8("v");
        Path same = dir.resolve("same");
        RawRecords.append(same, RawRecords.walRecord(5, PUT | LAST, k, v), RawRecords.walRecord(5, PUT | LAST, k, v));
        Replayed r = replay(same);
        assertEquals(1, r.batches().size());
        assertEquals(5, r.result().lastSequence());
        assertTrue(r.result().problem().contains("sequence 5 does not increase"), r.result().problem());

        Path backwards = dir.resolve("backwards");
        RawRecords.append(backwards, RawRecords.walRecord(5, PUT, k, v), RawRecords.walRecord(6, PUT | LAST, k, v),
                RawRecords.walRecord(3, PUT | LAST, k, v));
        r = replay(backwards);
        assertEquals(1, r.batches().size());
        assertEquals(6, r.result().lastSequence());

        Path zero = dir.resolve("zero");
        RawRecords.append(zero, RawRecords.walRecord(0, PUT | LAST, k, v));
        assertEquals(0, replay(zero).batches().size());

        Path gapInBatch = dir.resolve("gap");
        RawRecords.append(gapInBatch, RawRecords.walRecord(1, PUT | LAST, k, v), RawRecords.walRecord(7, PUT, k, v),
                RawRecords.walRecord(9, PUT | LAST, k, v));
        r = replay(gapInBatch);
        assertEquals(1, r.batches().size());
        assertTrue(r.result().problem().contains("inside a batch does not follow 7"), r.result().problem());
    }

    @Test
    void unknownFlagsAndDeleteWithValueStop() throws IOException {
        Path flags = dir.resolve("flags");
        RawRecords.append(flags, RawRecords.walRecord(1, PUT | LAST, utf8("k"), utf8("v")),
                RawRecords.walRecord(2, PUT | LAST | 0x40, utf8("k"), utf8("v")));
        Replayed r = replay(flags);
        assertEquals(1, r.batches().size());
        assertTrue(r.result().problem().contains("unknown flag bits"), r.result().problem());

        Path delete = dir.resolve("delete");
        RawRecords.append(delete, RawRecords.walRecord(1, LAST, utf8("k"), utf8("v")));
        r = replay(delete);
        assertEquals(0, r.batches().size());
        assertTrue(r.result().problem().contains("delete record carries"), r.result().problem());
    }

    /** Decision: a WAL is never reopened for appending; recovery replays it and starts a new one. */
    @Test
    void appendAfterReopenIsNotSupported() throws IOException {
        Path f = dir.resolve("000003.log");
        write(f, puts(2));
        byte[] before = Files.readAllBytes(f);
        StorageException e = assertThrows(StorageException.class, () -> WalWriter.create(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void writerRejectsInvalidBatchesWithoutWriting() {
        Path f = dir.resolve("wal");
        try (WalWriter w = WalWriter.create(f)) {
            w.append(List.of(WalRecord.put(10, utf8("a"), utf8("1"))));
            long size = w.size();
            assertThrows(IllegalArgumentException.class, () -> w.append(List.of()));
            assertThrows(IllegalArgumentException.class, () -> w.append(List.of(WalRecord.put(10, utf8("b"), utf8("2")))));
            assertThrows(IllegalArgumentException.class, () -> w.append(List.of(WalRecord.put(9, utf8("b"), utf8("2")))));
            assertThrows(IllegalArgumentException.class, () -> w.append(
                    List.of(WalRecord.put(11, utf8("b"), utf8("2")), WalRecord.put(13, utf8("c"), utf8("3")))));
            assertThrows(IllegalArgumentException.class, () -> w.append(
                    List.of(WalRecord.put(11, new byte[WalFormat.MAX_KEY_LENGTH + 1], new byte[0]))));
            assertThrows(IllegalArgumentException.class, () -> new WalRecord(11, false, utf8("k"), utf8("v")));
            assertEquals(size, w.size());
            assertEquals(10, w.lastSequence());
            w.append(List.of(WalRecord.put(11, utf8("b"), utf8("2"))));
        }
        Replayed r = replay(f);
        assertEquals(2, r.batches().size());
        assertTrue(r.result().clean());

        Path g = dir.resolve("zero");
        try (WalWriter w = WalWriter.create(g)) {
            assertThrows(IllegalArgumentException.class, () -> w.append(List.of(WalRecord.put(0, utf8("a"), utf8("1")))));
        }
    }

    @Test
    void closeIsIdempotentAndAppendAfterCloseFails() {
        Path f = dir.resolve("wal");
        WalWriter w = WalWriter.create(f);
        w.append(List.of(WalRecord.put(1, utf8("a"), utf8("1"))));
        w.sync();
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.append(List.of(WalRecord.put(2, utf8("b"), utf8("2")))));
        assertThrows(IllegalStateException.class, w::sync);
        assertEquals(1, replay(f).batches().size());
    }

    @Test
    void replayOfMissingFileIsStorageError() {
        Path f = dir.resolve("missing.log");
        StorageException e = assertThrows(StorageException.class, () -> WalReader.replay(f, b -> { }));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void deliveredBatchesAreUnmodifiable() {
        Path f = dir.resolve("wal");
        write(f, puts(1));
        List<WalRecord> batch = replay(f).batches().get(0);
        assertThrows(UnsupportedOperationException.class, () -> batch.add(WalRecord.delete(9, new byte[0])));
    }

    /** The bytes of a known batch, field by field; if this changes, old WALs no longer replay. */
    @Test
    void byteLayoutIsStable() throws IOException {
        Path f = dir.resolve("wal");
        write(f, List.of(List.of(WalRecord.put(0x0102030405060708L, utf8("ab"), utf8("xyz")),
                WalRecord.delete(0x0102030405060709L, utf8("c")))));
        byte[] all = Files.readAllBytes(f);
        assertEquals(26 + 22, all.length);
        HexFormat hex = HexFormat.of();
        //           sequence            key_len     value_len   flags key    value
        assertEquals("0807060504030201" + "02000000" + "03000000" + "01" + "6162" + "78797a",
                hex.formatHex(all, 4, 26));
        assertEquals("0907060504030201" + "01000000" + "00000000" + "02" + "63",
                hex.formatHex(all, 30, 48));
        assertEquals(Crc.maskedCrc(all, 4, 22), Bytes.getInt(all, 0));
        assertEquals(Crc.maskedCrc(all, 30, 18), Bytes.getInt(all, 26));
        assertEquals(GOLDEN, hex.formatHex(all));
    }

    /** Checked against an independent CRC32C implementation when the format was fixed. */
    private static final String GOLDEN = "257d8073" + "0807060504030201" + "02000000" + "03000000" + "01" + "6162"
            + "78797a" + "b611aada" + "0907060504030201" + "01000000" + "00000000" + "02" + "63";

    @Test
    void putFactoriesAndEquality() {
        WalRecord a = WalRecord.put(1, utf8("k"), utf8("v"));
        assertEquals(a, WalRecord.put(1, utf8("k"), utf8("v")));
        assertEquals(a.hashCode(), WalRecord.put(1, utf8("k"), utf8("v")).hashCode());
        assertFalse(a.equals(WalRecord.put(2, utf8("k"), utf8("v"))));
        assertTrue(a.toString().contains("6b"), a.toString());
        assertTrue(WalRecord.delete(3, utf8("k")).toString().startsWith("Delete["));
    }
}
