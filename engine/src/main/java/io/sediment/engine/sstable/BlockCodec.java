package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * How every block (data, index, filter) is framed on disk: its stored bytes, then a
 * {@value #TRAILER_SIZE}-byte trailer
 *
 * <pre>
 * type               1 byte    {@link Compression#id()} of the stored bytes
 * uncompressed size  fixed32   size of the block once decompressed (= stored size for NONE)
 * crc                fixed32   masked CRC32C of the stored bytes, then the type and size bytes
 * </pre>
 *
 * Reading verifies the checksum before anything else — in particular before decompressing —
 * and decompresses with LZ4's bounds-checked pure-Java decompressor only, so damaged or hostile
 * bytes end as a {@link CorruptionException}.
 *
 * <p>Stateless and thread-safe; the LZ4 instances are thread-safe.
 */
final class BlockCodec {
    /** Bytes after each block: type, uncompressed size, checksum. */
    static final int TRAILER_SIZE = 9;
    /** No block decompresses to more than this. */
    static final int MAX_BLOCK_SIZE = Integer.MAX_VALUE - 64;
    /** LZ4 cannot expand data by more than about 255:1; anything claiming more is damaged. */
    private static final int MAX_LZ4_RATIO = 255;

    /**
     * The native LZ4 where the jar ships it for this platform (pure Java otherwise). Only its
     * <em>safe</em> decompressor is used — bounds-checked against the output length, never the
     * "fast" one that trusts its input — and only after the block's checksum has been verified.
     */
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

    private BlockCodec() {
    }

    /** The compressor for writing (thread-safe). */
    static LZ4Compressor compressor() {
        return LZ4.fastCompressor();
    }

    /**
     * Fills {@code trailer[0, TRAILER_SIZE)} for {@code stored[0, storedLength)} of kind
     * {@code type} that decompresses to {@code uncompressedLength} bytes.
     */
    static void fillTrailer(byte[] trailer, Compression type, int uncompressedLength, byte[] stored, int storedLength) {
        trailer[0] = (byte) type.id();
        Bytes.putInt(trailer, 1, uncompressedLength);
        Bytes.putInt(trailer, 5, checksum(stored, storedLength, trailer, 0));
    }

    /** The checksum of {@code stored[0, storedLength)} and the type and size bytes at {@code trailer[trailerOffset]}. */
    private static int checksum(byte[] stored, int storedLength, byte[] trailer, int trailerOffset) {
        CRC32C crc = new CRC32C();
        crc.update(stored, 0, storedLength);
        crc.update(trailer, trailerOffset, 5);
        return Crc.mask((int) crc.getValue());
    }

    /** A decoded block: its bytes are {@code data[0, length)}. */
    record Contents(byte[] data, int length) {
    }

    /**
     * Verifies and decodes a block read from disk: {@code buf} holds the {@code storedLength}
     * stored bytes followed by the trailer.
     *
     * @param origin where the block came from, for error messages (formatted only for one)
     * @throws CorruptionException if the checksum does not match or the block cannot be decoded
     */
    static Contents decode(byte[] buf, int storedLength, Object origin) {
        if (buf.length < storedLength + (long) TRAILER_SIZE) {
            throw new CorruptionException(origin + ": block truncated");
        }
        int stored = Bytes.getInt(buf, storedLength + 5);
        int actual = checksum(buf, storedLength, buf, storedLength);
        if (stored != actual) {
            throw new CorruptionException(origin + ": block checksum mismatch (stored "
                    + Integer.toHexString(stored) + ", computed " + Integer.toHexString(actual) + ")");
        }
        Compression type = Compression.fromId(buf[storedLength] & 0xff);
        int uncompressed = Bytes.getInt(buf, storedLength + 1);
        if (type == null) {
            throw new CorruptionException(origin + ": unknown block compression type " + (buf[storedLength] & 0xff));
        }
        switch (type) {
            case NONE:
                if (uncompressed != storedLength) {
                    throw new CorruptionException(origin + ": uncompressed block of " + storedLength
                            + " bytes claims size " + Integer.toUnsignedString(uncompressed));
                }
                return new Contents(buf, storedLength);
            case LZ4:
                return new Contents(decompress(buf, storedLength, uncompressed, origin), uncompressed);
            default:
                throw new AssertionError(type);
        }
    }

    private static byte[] decompress(byte[] src, int srcLength, int uncompressed, Object origin) {
        if (uncompressed < 0 || uncompressed > MAX_BLOCK_SIZE
                || uncompressed > (long) srcLength * MAX_LZ4_RATIO + 64) {
            throw new CorruptionException(origin + ": compressed block of " + srcLength
                    + " bytes claims impossible size " + Integer.toUnsignedString(uncompressed));
        }
        byte[] out = new byte[uncompressed];
        int n;
        try {
            n = DECOMPRESSOR.decompress(src, 0, srcLength, out, 0, uncompressed);
        } catch (RuntimeException e) { // LZ4Exception, or any bounds failure inside the decoder
            throw new CorruptionException(origin + ": LZ4 block does not decompress: " + e.getMessage(), e);
        }
        if (n != uncompressed) {
            throw new CorruptionException(origin + ": LZ4 block decompressed to " + n + " bytes, expected " + uncompressed);
        }
        return out;
    }
}
