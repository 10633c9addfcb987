package io.sediment.engine.sstable;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.io.ByteArrayOutputStream;

/**
 * Writes table files by hand, with valid checksums around arbitrary contents, so that tests can
 * reach the checks that sit behind the checksums.
 */
final class Forgery {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends {@code stored} framed as a block of {@code type} claiming {@code uncompressedLength}. */
    BlockHandle block(byte[] stored, Compression type, int uncompressedLength) {
        BlockHandle handle = new BlockHandle(out.size(), stored.length);
        byte[] trailer = new byte[BlockCodec.TRAILER_SIZE];
        BlockCodec.fillTrailer(trailer, type, uncompressedLength, stored, stored.length);
        out.writeBytes(stored);
        out.writeBytes(trailer);
        return handle;
    }

    BlockHandle rawBlock(byte[] contents) {
        return block(contents, Compression.NONE, contents.length);
    }

    byte[] finish(BlockHandle index, BlockHandle filter, long entryCount) {
        out.writeBytes(new Footer(index, filter, entryCount, Footer.CURRENT_VERSION).encode());
        return out.toByteArray();
    }

    /** An index block with one entry pointing at {@code handle}. */
    static byte[] indexFor(byte[] lastKey, BlockHandle handle) {
        BlockBuilder index = new BlockBuilder(1);
        index.add(lastKey, handle.encode());
        return index.finish();
    }

    /** Rewrites the footer at the end of {@code file} with {@code version}, and a checksum that matches. */
    static void setVersion(byte[] file, int version) {
        int footer = file.length - Footer.LENGTH;
        Bytes.putInt(file, footer + 32, version);
        Bytes.putInt(file, footer + 36, Crc.maskedCrc(file, footer, 36));
    }
}
