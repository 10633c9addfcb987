package io.sediment.engine.sstable;

import static io.sediment.engine.sstable.TableFixtures.key;
import static io.sediment.engine.sstable.TableFixtures.open;
import static io.sediment.engine.sstable.TableFixtures.readsIntactOrReportsCorruption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCorruptionTest {
    @TempDir
    Path dir;

    private NavigableMap<byte[], byte[]> smallModel() {
        NavigableMap<byte[], byte[]> model = TableFixtures.newModel();
        for (int i = 0; i < 60; i++) {
            byte[] value = new byte[i % 7 * 5];
            Arrays.fill(value, (byte) i);
            model.put(key(i), value);
        }
        return model;
    }

    private CorruptionException openFails(byte[] contents, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, contents);
        CorruptionException e = assertThrows(CorruptionException.class, () -> open(file, new BlockCache(0)).close());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    /** Every single-bit flip anywhere in the file is detected: no flip yields data, wrong or right. */
    @Test
    void everyBitFlipIsDetected() throws Exception {
        NavigableMap<byte[], byte[]> model = smallModel();
        for (TableOptions options : new TableOptions[] {
                TableOptions.defaults().withBlockSize(64),
                TableOptions.defaults().withBlockSize(200).withCompression(Compression.NONE)}) {
            Path original = dir.resolve("original.sst");
            assertTrue(TableFixtures.build(original, options, model).dataBlockCount() > 5);
            byte[] bytes = Files.readAllBytes(original);
            Path damaged = dir.resolve("damaged.sst");
            int undetected = 0;
            for (int offset = 0; offset < bytes.length; offset++) {
                int bits = offset >= bytes.length - Footer.LENGTH ? 8 : 1;
                for (int b = 0; b < bits; b++) {
                    int bit = bits == 8 ? b : offset % 8;
                    byte[] copy = bytes.clone();
                    copy[offset] ^= (byte) (1 << bit);
                    Files.write(damaged, copy);
                    if (readsIntactOrReportsCorruption(damaged, model)) {
                        undetected++;
                    }
                }
            }
            assertEquals(0, undetected, "undetected flips in a " + bytes.length + "-byte table");
        }
    }

    /** Damage larger than a bit (overwritten runs, truncation) is reported or harmless, never wrong data. */
    @Test
    void overwrittenRunsAndTruncationsNeverYieldWrongData() throws Exception {
        NavigableMap<byte[], byte[]> model = smallModel();
        Path original = dir.resolve("original.sst");
        TableFixtures.build(original, TableOptions.defaults().withBlockSize(128), model);
        byte[] bytes = Files.readAllBytes(original);
        Path damaged = dir.resolve("damaged.sst");
        Random rnd = new Random(3);
        for (int trial = 0; trial < 1500; trial++) {
            byte[] copy = bytes.clone();
            int start = rnd.nextInt(copy.length);
            int length = 1 + rnd.nextInt(Math.min(64, copy.length - start));
            for (int i = start; i < start + length; i++) {
                copy[i] = (byte) (trial % 3 == 0 ? 0 : rnd.nextInt(256));
            }
            Files.write(damaged, copy);
            readsIntactOrReportsCorruption(damaged, model);
        }
        for (int cut = 1; cut < bytes.length; cut += 7) {
            Files.write(damaged, Arrays.copyOf(bytes, bytes.length - cut));
            readsIntactOrReportsCorruption(damaged, model);
        }
    }

    @Test
    void foreignFilesAreNotSSTables() throws Exception {
        assertTrue(openFails(new byte[0], "empty.sst").getMessage().contains("not a Sediment SSTable"));
        byte[] random = new byte[10_000];
        new Random(1).nextBytes(random);
        assertTrue(openFails(random, "random.sst").getMessage().contains("not a Sediment SSTable"));
        byte[] text = "name,age\nalice,31\nbob,27\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        CorruptionException e = openFails(text, "people.csv");
        assertTrue(e.getMessage().contains("not a Sediment SSTable"), e.getMessage());
        assertTrue(openFails(new byte[20], "tiny.sst").getMessage().contains("shorter than"));
    }

    @Test
    void newerFormatVersionIsRefusedWithAClearMessage() throws Exception {
        Path original = dir.resolve("original.sst");
        TableFixtures.build(original, TableOptions.defaults(), smallModel());
        byte[] bytes = Files.readAllBytes(original);
        Forgery.setVersion(bytes, 2);
        String message = openFails(bytes, "future.sst").getMessage();
        assertTrue(message.contains("format version 2") && message.contains("newer Sediment release"), message);
        Forgery.setVersion(bytes, 0);
        assertTrue(openFails(bytes, "zero.sst").getMessage().contains("unknown SSTable format version 0"));
    }

    @Test
    void checksummedButMalformedBlocksAreCorruption() throws Exception {
        // An index entry whose value is not a block handle.
        BlockBuilder badIndex = new BlockBuilder(1);
        badIndex.add(key(1), new byte[] {(byte) 0xff, (byte) 0xff});
        Forgery f = new Forgery();
        BlockHandle index = f.rawBlock(badIndex.finish());
        // The index is decoded when the table opens, so this fails there already.
        String message = openFails(f.finish(index, Footer.NO_FILTER, 1), "bad-handle.sst").getMessage();
        assertTrue(message.contains("bad-handle.sst") && message.contains("malformed block handle"), message);

        // An index entry pointing past the data.
        f = new Forgery();
        index = f.rawBlock(Forgery.indexFor(key(1), new BlockHandle(1 << 20, 100)));
        assertScanFails(f.finish(index, Footer.NO_FILTER, 1), "far-handle.sst", "runs past the end");

        // A data block whose LZ4 payload is garbage, and one claiming an absurd size.
        for (int claimed : new int[] {100, Integer.MAX_VALUE}) {
            f = new Forgery();
            BlockHandle data = f.block(new byte[] {(byte) 0xf0, 1, 2, 3}, Compression.LZ4, claimed);
            index = f.rawBlock(Forgery.indexFor(key(1), data));
            assertScanFails(f.finish(index, Footer.NO_FILTER, 1), "lz4-" + claimed + ".sst", "");
        }

        // A filter with an impossible probe count.
        f = new Forgery();
        BlockHandle filter = f.rawBlock(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 99});
        index = f.rawBlock(new BlockBuilder(1).finish());
        assertTrue(openFails(f.finish(index, filter, 0), "bad-filter.sst").getMessage().contains("99 probes"));

        // An unknown compression type, with a checksum that matches it.
        byte[] empty = new BlockBuilder(1).finish();
        byte[] trailer = new byte[BlockCodec.TRAILER_SIZE];
        trailer[0] = 7;
        Bytes.putInt(trailer, 1, empty.length);
        CRC32C crc = new CRC32C();
        crc.update(empty);
        crc.update(trailer, 0, 5);
        Bytes.putInt(trailer, 5, Crc.mask((int) crc.getValue()));
        byte[] footer = new Footer(new BlockHandle(0, empty.length), Footer.NO_FILTER, 0, 1).encode();
        byte[] file = new byte[empty.length + trailer.length + footer.length];
        System.arraycopy(empty, 0, file, 0, empty.length);
        System.arraycopy(trailer, 0, file, empty.length, trailer.length);
        System.arraycopy(footer, 0, file, empty.length + trailer.length, footer.length);
        assertTrue(openFails(file, "type7.sst").getMessage().contains("unknown block compression type 7"));
    }

    private void assertScanFails(byte[] contents, String name, String expected) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, contents);
        try (TableReader reader = open(file, new BlockCache(0))) {
            CorruptionException e = assertThrows(CorruptionException.class, () -> TableFixtures.scan(reader.iterator()));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
            assertThrows(CorruptionException.class, () -> reader.find(key(0)));
        }
    }
}
