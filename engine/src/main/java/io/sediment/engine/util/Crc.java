package io.sediment.engine.util;

import java.util.zip.CRC32C;

/**
 * CRC32C checksums as stored on disk. Stored checksums are "masked" (rotated and offset, as in
 * LevelDB) so that a checksum over data that itself contains checksums stays strong.
 */
public final class Crc {
    private static final int MASK_DELTA = 0xa282ead8;

    private Crc() {
    }

    public static int crc32c(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }

    /** The masked CRC32C of {@code data[off, off+len)}, the value every format stores. */
    public static int maskedCrc(byte[] data, int off, int len) {
        return mask(crc32c(data, off, len));
    }
}
