package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.SeekingIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties: whatever bytes a file holds, opening and reading it as a table ends normally or
 * with {@link CorruptionException} — never another exception, a hang, or a huge allocation.
 * Tries are modest so the whole set runs in seconds.
 */
class TableFuzzTest {
    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    /** Bytes that look like entries: small numbers (plausible varints) mixed with anything. */
    @Provide
    Arbitrary<byte[]> blockish() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.bytes().between((byte) 0, (byte) 8)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.bytes()))
                .array(byte[].class).ofMaxSize(300);
    }

    @Property(tries = 300)
    void randomFilesAreOnlyEverCorrupt(@ForAll("anyBytes") byte[] contents) throws IOException {
        readAll(contents);
    }

    @Property(tries = 300)
    void randomFilesWithAValidFooterAreOnlyEverCorrupt(@ForAll("anyBytes") byte[] body,
            @ForAll long indexOffset, @ForAll int indexSize, @ForAll long filterOffset, @ForAll int filterSize)
            throws IOException {
        byte[] footer = new Footer(new BlockHandle(Math.abs(indexOffset % (body.length + 1)), Math.abs(indexSize % 5000)),
                new BlockHandle(Math.abs(filterOffset % (body.length + 1)), Math.abs(filterSize % 5000)), 1, 1).encode();
        byte[] file = new byte[body.length + footer.length];
        System.arraycopy(body, 0, file, 0, body.length);
        System.arraycopy(footer, 0, file, body.length, footer.length);
        readAll(file);
    }

    /** A checksummed index block of arbitrary contents: exercises the block decoder behind the checksum. */
    @Property(tries = 500)
    void randomIndexContentsAreOnlyEverCorrupt(@ForAll("blockish") byte[] contents) throws IOException {
        Forgery f = new Forgery();
        BlockHandle index = f.rawBlock(contents);
        readAll(f.finish(index, Footer.NO_FILTER, 1));
    }

    /** A checksummed data block of arbitrary contents behind a valid index. */
    @Property(tries = 500)
    void randomDataContentsAreOnlyEverCorrupt(@ForAll("blockish") byte[] contents, @ForAll boolean lz4,
            @ForAll int claimedSize) throws IOException {
        Forgery f = new Forgery();
        BlockHandle data = lz4
                ? f.block(contents, Compression.LZ4, Math.abs(claimedSize % 2000))
                : f.rawBlock(contents);
        BlockHandle index = f.rawBlock(Forgery.indexFor(new byte[] {(byte) 0xff, (byte) 0xff}, data));
        readAll(f.finish(index, Footer.NO_FILTER, 1));
    }

    private static void readAll(byte[] contents) throws IOException {
        Path file = Files.createTempFile("fuzz", ".sst");
        try {
            Files.write(file, contents);
            try (TableReader reader = TableReader.open(file, 1, Bytes.UNSIGNED, new BlockCache(1 << 16))) {
                SeekingIterator it = reader.iterator();
                for (it.seekToFirst(); it.valid(); it.next()) {
                    it.value();
                }
                it.seek(new byte[] {3});
                reader.find(new byte[] {3});
                reader.find(new byte[0]);
                reader.mayContain(new byte[] {3});
            } catch (CorruptionException expected) {
                if (!expected.getMessage().contains(file.toString())) {
                    throw new AssertionError("message does not name the file: " + expected.getMessage());
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
