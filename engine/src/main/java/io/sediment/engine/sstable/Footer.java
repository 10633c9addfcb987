package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;

/**
 * The fixed-size record at the end of every table file: where the index and filter blocks are,
 * how many entries the table holds, the format version, a checksum of the footer itself, and the
 * magic number. Version 1 layout ({@value #LENGTH} bytes, integers little-endian):
 *
 * <pre>
 *  0  index offset    fixed64
 *  8  index size      fixed32   (stored bytes, trailer excluded)
 * 12  filter offset   fixed64   (0 with size 0: no filter)
 * 20  filter size     fixed32
 * 24  entry count     fixed64
 * 32  format version  fixed32   = 1
 * 36  footer crc      fixed32   masked CRC32C of bytes [0, 36)
 * 40  magic           8 bytes   "SedTable"
 * </pre>
 *
 * The last 16 bytes — version, checksum, magic — keep their place in every future version, so a
 * reader always finds the version first and dispatches on it; a later version may make the
 * footer longer in front of them.
 *
 * <p>Immutable.
 */
public record Footer(BlockHandle index, BlockHandle filter, long entryCount, int formatVersion) {
    /** Size of the version-1 footer; also the smallest footer any version may have. */
    public static final int LENGTH = 48;
    /** The version this release writes. */
    public static final int CURRENT_VERSION = 1;
    /** The oldest version this release reads. */
    public static final int OLDEST_READABLE_VERSION = 1;
    /** The 8-byte magic number ending every table file: ASCII "SedTable". DO NOT CHANGE. */
    public static final long MAGIC = 0x656c626154646553L;
    /** The handle that says "no filter". */
    public static final BlockHandle NO_FILTER = new BlockHandle(0, 0);

    private static final int VERSION_OFFSET = LENGTH - 16;
    private static final int CRC_OFFSET = LENGTH - 12;
    private static final int MAGIC_OFFSET = LENGTH - 8;

    public byte[] encode() {
        byte[] buf = new byte[LENGTH];
        Bytes.putLong(buf, 0, index.offset());
        Bytes.putInt(buf, 8, index.size());
        Bytes.putLong(buf, 12, filter.offset());
        Bytes.putInt(buf, 20, filter.size());
        Bytes.putLong(buf, 24, entryCount);
        Bytes.putInt(buf, VERSION_OFFSET, formatVersion);
        Bytes.putInt(buf, CRC_OFFSET, Crc.maskedCrc(buf, 0, CRC_OFFSET));
        Bytes.putLong(buf, MAGIC_OFFSET, MAGIC);
        return buf;
    }

    /**
     * Decodes the last {@value #LENGTH} bytes of a file: checks the magic number, then the
     * version, then the checksum, then the fields' ranges.
     *
     * @param file the file's name, for error messages
     * @param fileSize the file's size, to check the handles against
     * @throws CorruptionException naming {@code file} for a foreign file, a version this release
     *                             cannot read, or a damaged footer
     */
    public static Footer decode(byte[] buf, String file, long fileSize) {
        long footerStart = fileSize - LENGTH;
        if (Bytes.getLong(buf, MAGIC_OFFSET) != MAGIC) {
            throw new CorruptionException(file + ": not a Sediment SSTable (no magic number in its last 8 bytes)");
        }
        int version = Bytes.getInt(buf, VERSION_OFFSET);
        if (version > CURRENT_VERSION) {
            throw new CorruptionException(file + ": SSTable format version " + Integer.toUnsignedString(version)
                    + " was written by a newer Sediment release; this release reads versions "
                    + OLDEST_READABLE_VERSION + " to " + CURRENT_VERSION + " (upgrade Sediment to open it)");
        }
        if (version < OLDEST_READABLE_VERSION) {
            throw new CorruptionException(file + ": unknown SSTable format version " + version
                    + " in the footer at offset " + footerStart);
        }
        int stored = Bytes.getInt(buf, CRC_OFFSET);
        int actual = Crc.maskedCrc(buf, 0, CRC_OFFSET);
        if (stored != actual) {
            throw new CorruptionException(file + ": footer checksum mismatch at offset " + footerStart);
        }
        long indexOffset = Bytes.getLong(buf, 0);
        int indexSize = Bytes.getInt(buf, 8);
        long filterOffset = Bytes.getLong(buf, 12);
        int filterSize = Bytes.getInt(buf, 20);
        long entryCount = Bytes.getLong(buf, 24);
        boolean noFilter = filterOffset == 0 && filterSize == 0;
        if (!fits(indexOffset, indexSize, footerStart) || !(noFilter || fits(filterOffset, filterSize, footerStart))
                || entryCount < 0) {
            throw new CorruptionException(file + ": footer at offset " + footerStart
                    + " points outside the file (index " + indexOffset + "+" + Integer.toUnsignedString(indexSize)
                    + ", filter " + filterOffset + "+" + Integer.toUnsignedString(filterSize) + ")");
        }
        return new Footer(new BlockHandle(indexOffset, indexSize), new BlockHandle(filterOffset, filterSize),
                entryCount, version);
    }

    /** Whether a block of {@code size} stored bytes plus its trailer at {@code offset} ends before {@code end}. */
    static boolean fits(long offset, int size, long end) {
        return offset >= 0 && size >= 0 && offset <= end && size + (long) BlockCodec.TRAILER_SIZE <= end - offset;
    }

    public boolean hasFilter() {
        return !filter.equals(NO_FILTER);
    }
}
