package io.sediment.engine.wal;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Test helper: builds WAL and log records byte by byte, including ones the writers refuse to
 * produce (wrong sequences, unknown flags, lying lengths), and edits files in place.
 */
final class RawRecords {
    static final int PUT = WalFormat.FLAG_PUT;
    static final int LAST = WalFormat.FLAG_LAST;

    private RawRecords() {
    }

    /** A WAL record with a correct checksum over whatever fields it is given. */
    static byte[] walRecord(long sequence, int flags, byte[] key, byte[] value) {
        byte[] r = new byte[WalFormat.recordSize(key.length, value.length)];
        Bytes.putLong(r, 4, sequence);
        Bytes.putInt(r, 12, key.length);
        Bytes.putInt(r, 16, value.length);
        r[20] = (byte) flags;
        System.arraycopy(key, 0, r, 21, key.length);
        System.arraycopy(value, 0, r, 21 + key.length, value.length);
        Bytes.putInt(r, 0, Crc.maskedCrc(r, 4, r.length - 4));
        return r;
    }

    /** A bare WAL header claiming the given lengths, checksummed as if the payload were empty. */
    static byte[] walHeader(long sequence, int keyLength, int valueLength) {
        byte[] h = new byte[WalFormat.HEADER_SIZE];
        Bytes.putLong(h, 4, sequence);
        Bytes.putInt(h, 12, keyLength);
        Bytes.putInt(h, 16, valueLength);
        Bytes.putInt(h, 0, Crc.maskedCrc(h, 4, h.length - 4));
        return h;
    }

    /** A record-log record with a correct checksum. */
    static byte[] logRecord(byte[] payload) {
        byte[] r = new byte[LogWriter.HEADER_SIZE + payload.length];
        Bytes.putInt(r, 4, payload.length);
        System.arraycopy(payload, 0, r, 8, payload.length);
        Bytes.putInt(r, 0, Crc.maskedCrc(r, 4, r.length - 4));
        return r;
    }

    static void append(Path file, byte[]... chunks) throws IOException {
        for (byte[] c : chunks) {
            Files.write(file, c, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] cut = new byte[(int) size];
        System.arraycopy(all, 0, cut, 0, (int) size);
        Files.write(file, cut);
    }

    /** XORs the byte at {@code offset} with {@code mask} (non-zero). */
    static void flip(Path file, long offset, int mask) throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[(int) offset] ^= (byte) mask;
        Files.write(file, all);
    }
}
