package io.sediment.engine.wal;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Appends atomic batches of {@link WalRecord}s to a new write-ahead log file, the first stop of
 * every write. {@link WalReader} replays the file after a crash.
 *
 * <pre>
 * A WAL file (format version 1, file name NNNNNN.log) is a sequence of records, no file header:
 *
 *   +-----------+-------------+---------------+-----------------+---------------------------+
 *   | crc (4)   | sequence (8)| key_length (4)| value_length (4)| payload                   |
 *   +-----------+-------------+---------------+-----------------+---------------------------+
 *   0           4             12              16                20
 *
 *   payload = | flags (1) | key (key_length bytes) | value (value_length bytes) |
 *   flags   = bit0: 1 put, 0 delete (a delete has value_length 0)
 *             bit1: 1 = LAST record of its batch; bits 2..7 are 0
 *
 *   All integers little endian; lengths signed 32-bit, key_length &lt;= 8 MiB, value_length &lt;= 256 MiB.
 *   crc = Crc.maskedCrc (masked CRC32C) of every byte after the crc field: sequence .. payload end.
 *   A batch = records with consecutive sequences, the last one (only) flagged LAST.
 *   The first sequence of a batch is greater than every sequence before it in the file.
 * </pre>
 *
 * <p>Guarantees: the file is created new ({@link #create} fails if it exists; a WAL is never
 * reopened for appending). {@link #append} validates the whole batch before writing a byte, then
 * encodes it into one reusable buffer and hands it to the OS in one write (batches past 1 MiB in
 * 1 MiB pieces), so after {@code append} returns the batch survives a process crash, and after
 * {@link #sync()} it survives power loss. A batch is atomic on replay whatever part of it reached
 * the disk. After an I/O error ({@link io.sediment.engine.error.StorageException} naming the
 * file) the writer refuses further appends and syncs with the same cause.
 *
 * <p>Not thread-safe: the engine serializes writers and does group commit above this class.
 * Appending allocates nothing per record once the buffer has grown to fit.
 */
public final class WalWriter implements Closeable {
    private static final int INITIAL_BUFFER_SIZE = 64 * 1024;
    /** A batch that grows past this many encoded bytes is written in pieces of about this size. */
    private static final int WRITE_THRESHOLD = 1 << 20;
    /** A buffer grown past this size for one huge record is given back after the append. */
    private static final int SHRINK_ABOVE = 4 << 20;

    private final AppendFile file;
    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[INITIAL_BUFFER_SIZE];
    private ByteBuffer view = ByteBuffer.wrap(buf);
    private int used;
    private long lastSequence;

    private WalWriter(AppendFile file) {
        this.file = file;
    }

    /**
     * Creates a new, empty WAL file.
     *
     * @throws io.sediment.engine.error.StorageException if the file exists or cannot be created
     */
    public static WalWriter create(Path file) {
        return new WalWriter(AppendFile.create(file));
    }

    /**
     * Appends one atomic batch. REQUIRES: the batch is non-empty, its sequences are consecutive
     * and start above {@link #lastSequence()} (and at 1 or more), keys and values within
     * {@link WalFormat#MAX_KEY_LENGTH} / {@link WalFormat#MAX_VALUE_LENGTH}.
     *
     * @throws IllegalArgumentException if the batch breaks a requirement (nothing is written)
     * @throws IllegalStateException if the writer is closed
     * @throws io.sediment.engine.error.StorageException on an I/O error
     */
    public void append(List<WalRecord> batch) {
        int n = validate(batch);
        file.checkUsable();
        used = 0;
        for (int i = 0; i < n; i++) {
            WalRecord r = batch.get(i);
            int size = WalFormat.recordSize(r.key().length, r.value().length);
            if (used > 0 && used + size > WRITE_THRESHOLD) {
                flush();
            }
            ensureCapacity(used + size);
            encode(r, i == n - 1, size);
        }
        flush();
        lastSequence = batch.get(n - 1).sequence();
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

    /** Sequence of the last record appended by this writer, 0 before the first append. */
    public long lastSequence() {
        return lastSequence;
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
        return "WalWriter[" + file.path() + ", size=" + file.size() + ", lastSequence="
                + lastSequence + "]";
    }

    /** Checks the whole batch before anything is written; returns its size. */
    private int validate(List<WalRecord> batch) {
        if (batch == null || batch.isEmpty()) {
            throw new IllegalArgumentException("a WAL batch needs at least one record");
        }
        int n = batch.size();
        long first = batch.get(0).sequence();
        if (first <= lastSequence || first < 1) {
            throw new IllegalArgumentException("batch sequence " + first
                    + " must be above the last sequence written, " + lastSequence + ", and >= 1");
        }
        for (int i = 0; i < n; i++) {
            WalRecord r = batch.get(i);
            if (r.sequence() != first + i || r.sequence() < 1) {
                throw new IllegalArgumentException("sequences in a batch must be consecutive: record "
                        + i + " has " + r.sequence() + ", expected " + (first + i));
            }
            if (r.key().length > WalFormat.MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("key of " + r.key().length
                        + " bytes exceeds the maximum of " + WalFormat.MAX_KEY_LENGTH);
            }
            if (r.value().length > WalFormat.MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("value of " + r.value().length
                        + " bytes exceeds the maximum of " + WalFormat.MAX_VALUE_LENGTH);
            }
        }
        return n;
    }

    private void encode(WalRecord r, boolean last, int size) {
        byte[] key = r.key();
        byte[] value = r.value();
        int p = used;
        Bytes.putLong(buf, p + WalFormat.SEQUENCE_OFFSET, r.sequence());
        Bytes.putInt(buf, p + WalFormat.KEY_LENGTH_OFFSET, key.length);
        Bytes.putInt(buf, p + WalFormat.VALUE_LENGTH_OFFSET, value.length);
        int q = p + WalFormat.HEADER_SIZE;
        buf[q++] = (byte) ((r.isPut() ? WalFormat.FLAG_PUT : 0) | (last ? WalFormat.FLAG_LAST : 0));
        System.arraycopy(key, 0, buf, q, key.length);
        System.arraycopy(value, 0, buf, q + key.length, value.length);
        crc.reset();
        crc.update(buf, p + WalFormat.SEQUENCE_OFFSET, size - WalFormat.SEQUENCE_OFFSET);
        Bytes.putInt(buf, p + WalFormat.CRC_OFFSET, Crc.mask((int) crc.getValue()));
        used = p + size;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            byte[] bigger = new byte[Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8,
                    2L * buf.length))];
            System.arraycopy(buf, 0, bigger, 0, used);
            buf = bigger;
            view = ByteBuffer.wrap(buf);
        }
    }

    private void flush() {
        view.clear();
        view.limit(used);
        file.write(view);
        used = 0;
    }
}
