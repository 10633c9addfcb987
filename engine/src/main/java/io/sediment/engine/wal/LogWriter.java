package io.sediment.engine.wal;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends checksummed records with opaque payloads to a new file: the generic record log under
 * the manifest (one record per version edit). {@link LogReader} reads it back.
 *
 * <pre>
 *   +-----------+------------+---------------------------+
 *   | crc (4)   | length (4) | payload (length bytes)    |
 *   +-----------+------------+---------------------------+
 *   0           4            8
 *
 *   No file header. Integers little endian; length signed 32-bit, 0 &lt;= length &lt;= 64 MiB.
 *   crc = Crc.maskedCrc (masked CRC32C) of the length field and the payload.
 * </pre>
 *
 * <p>Guarantees: the file is created new ({@link #create} fails if it exists; a log is never
 * reopened for appending: a new manifest starts a new file). Each {@link #append} goes to the OS
 * in one write; {@link #sync()} makes everything appended durable, directory entry included.
 * After an I/O error ({@link io.sediment.engine.error.StorageException} naming the file) every
 * later append and sync fails with the same cause.
 *
 * <p>Not thread-safe: the manifest writer serializes access.
 */
public final class LogWriter implements Closeable {
    /** Largest payload one record may hold: 64 MiB. Longer lengths on disk are corruption. */
    public static final int MAX_RECORD_LENGTH = 64 << 20;

    static final int HEADER_SIZE = 8;
    static final int CRC_OFFSET = 0;
    static final int LENGTH_OFFSET = 4;

    private static final int INITIAL_BUFFER_SIZE = 4096;
    private static final int SHRINK_ABOVE = 1 << 20;

    private final AppendFile file;
    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[INITIAL_BUFFER_SIZE];
    private ByteBuffer view = ByteBuffer.wrap(buf);

    private LogWriter(AppendFile file) {
        this.file = file;
    }

    /**
     * Creates a new, empty record log.
     *
     * @throws io.sediment.engine.error.StorageException if the file exists or cannot be created
     */
    public static LogWriter create(Path file) {
        return new LogWriter(AppendFile.create(file));
    }

    /**
     * Appends one record holding {@code payload} (may be empty, at most {@link #MAX_RECORD_LENGTH}).
     *
     * @throws IllegalArgumentException if the payload is too long (nothing is written)
     * @throws IllegalStateException if the writer is closed
     * @throws io.sediment.engine.error.StorageException on an I/O error
     */
    public void append(byte[] payload) {
        if (payload.length > MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("record of " + payload.length
                    + " bytes exceeds the maximum of " + MAX_RECORD_LENGTH);
        }
        file.checkUsable();
        int size = HEADER_SIZE + payload.length;
        if (size > buf.length) {
            buf = new byte[Math.max(size, 2 * buf.length)];
            view = ByteBuffer.wrap(buf);
        }
        Bytes.putInt(buf, LENGTH_OFFSET, payload.length);
        System.arraycopy(payload, 0, buf, HEADER_SIZE, payload.length);
        crc.reset();
        crc.update(buf, LENGTH_OFFSET, size - LENGTH_OFFSET);
        Bytes.putInt(buf, CRC_OFFSET, Crc.mask((int) crc.getValue()));
        view.clear();
        view.limit(size);
        file.write(view);
        if (buf.length > SHRINK_ABOVE) {
            buf = new byte[INITIAL_BUFFER_SIZE];
            view = ByteBuffer.wrap(buf);
        }
    }

    /** Forces everything appended so far to stable storage ({@code FileChannel.force(false)}). */
    public void sync() {
        file.sync();
    }

    /** Bytes written to the file so far. */
    public long size() {
        return file.size();
    }

    public Path path() {
        return file.path();
    }

    /** Closes the file without syncing it (call {@link #sync()} first for durability); idempotent. */
    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "LogWriter[" + file.path() + ", size=" + file.size() + "]";
    }
}
