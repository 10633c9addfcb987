package io.sediment.engine.wal;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Replays a WAL file written by {@link WalWriter} (format in its class comment), delivering the
 * complete batches in file order. Used once per WAL when the engine opens.
 *
 * <p>Guarantees: only whole batches whose every record passed its checksum and checks are
 * delivered. Replay stops at the first bad record: a torn tail (the file ends inside a header or
 * payload), trailing zero bytes, a checksum mismatch, an impossible length (negative, above
 * {@link WalFormat#MAX_KEY_LENGTH} / {@link WalFormat#MAX_VALUE_LENGTH}, or past the end of the
 * file), unknown flag bits, a delete carrying a value, a sequence that does not increase (or is
 * not consecutive inside a batch), or a batch not closed by a LAST record. That record's whole
 * batch and everything after it are dropped, a warning names the file, offset and reason, and
 * the {@link ReplayResult} says the same. Bad content never throws and never makes the reader
 * allocate more than the file holds; only real I/O errors throw
 * ({@link io.sediment.engine.error.StorageException}). Exceptions from the consumer propagate.
 *
 * <p>Thread-safety: {@link #replay} keeps no shared state; concurrent replays of different
 * files are fine.
 */
public final class WalReader {
    private static final System.Logger LOG = System.getLogger(WalReader.class.getName());

    /**
     * What {@link WalReader#replay} found in a WAL file: how far the complete batches reach and
     * why replay stopped early, if it did. Immutable; thread-safe.
     *
     * @param lastSequence sequence of the last record delivered, 0 if no batch was delivered
     * @param batches number of complete batches delivered
     * @param validBytes file offset just after the last complete batch (0 if none)
     * @param droppedBytes bytes after {@code validBytes} that were not delivered
     * @param problem why replay stopped before the end of the file (with the offset of the bad
     *     record), or {@code null} when the file was clean to the end
     */
    public record ReplayResult(long lastSequence, long batches, long validBytes,
            long droppedBytes, String problem) {

        /** True when every byte of the file belonged to a delivered batch. */
        public boolean clean() {
            return problem == null;
        }
    }

    private final Path path;
    private final FileReadBuffer in;
    private final Consumer<List<WalRecord>> consumer;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[WalFormat.HEADER_SIZE];
    private List<WalRecord> pending = new ArrayList<>();
    private long lastSequence;
    private long batches;
    private long validBytes;
    private long recordStart;

    private WalReader(Path path, FileReadBuffer in, Consumer<List<WalRecord>> consumer) {
        this.path = path;
        this.in = in;
        this.consumer = consumer;
    }

    /**
     * Reads {@code file} from the start and hands each complete batch, as an unmodifiable list,
     * to {@code batchConsumer}, in order.
     *
     * @throws io.sediment.engine.error.StorageException if the file cannot be opened or read
     */
    public static ReplayResult replay(Path file, Consumer<List<WalRecord>> batchConsumer) {
        Objects.requireNonNull(batchConsumer, "batchConsumer");
        try (FileReadBuffer in = FileReadBuffer.open(file)) {
            return new WalReader(file, in, batchConsumer).run();
        }
    }

    private ReplayResult run() {
        String problem;
        do {
            recordStart = in.position();
            problem = readRecord();
        } while (problem == null);
        if (problem.isEmpty()) { // clean end of file
            return new ReplayResult(lastSequence, batches, validBytes, 0, null);
        }
        String where = problem + " at offset " + recordStart;
        long dropped = in.fileSize() - validBytes;
        LOG.log(Level.WARNING, () -> "WAL " + path + ": " + where + "; replayed " + batches
                + " batches up to offset " + validBytes + ", dropping the " + dropped
                + " bytes after it");
        return new ReplayResult(lastSequence, batches, validBytes, dropped, where);
    }

    /** Reads one record; returns null to go on, "" at a clean end, else why replay stops. */
    private String readRecord() {
        int got = in.read(header, 0, WalFormat.HEADER_SIZE);
        if (got == 0) {
            if (pending.isEmpty()) {
                return "";
            }
            recordStart = validBytes;
            return "batch not ended by a LAST record before end of file";
        }
        if (got < WalFormat.HEADER_SIZE) {
            return "torn record header (" + got + " of " + WalFormat.HEADER_SIZE
                    + " bytes before end of file)";
        }
        if (allZero(header)) {
            return "zero-filled tail (preallocated or never written)";
        }
        int keyLength = Bytes.getInt(header, WalFormat.KEY_LENGTH_OFFSET);
        int valueLength = Bytes.getInt(header, WalFormat.VALUE_LENGTH_OFFSET);
        if (keyLength < 0 || valueLength < 0 || keyLength > WalFormat.MAX_KEY_LENGTH
                || valueLength > WalFormat.MAX_VALUE_LENGTH) {
            return "impossible lengths (key_length " + keyLength + ", value_length "
                    + valueLength + ")";
        }
        long payloadLength = 1L + keyLength + valueLength;
        if (payloadLength > in.remaining()) {
            return "torn record payload (needs " + payloadLength + " bytes, " + in.remaining()
                    + " remain in the file)";
        }
        int flags = in.read();
        byte[] key = new byte[keyLength];
        byte[] value = new byte[valueLength];
        if (flags < 0 || in.read(key, 0, keyLength) < keyLength
                || in.read(value, 0, valueLength) < valueLength) {
            return "torn record payload (file shrank while reading)";
        }
        crc.reset();
        crc.update(header, WalFormat.SEQUENCE_OFFSET,
                WalFormat.HEADER_SIZE - WalFormat.SEQUENCE_OFFSET);
        crc.update(flags);
        crc.update(key, 0, keyLength);
        crc.update(value, 0, valueLength);
        if (Crc.mask((int) crc.getValue()) != Bytes.getInt(header, WalFormat.CRC_OFFSET)) {
            return "checksum mismatch";
        }
        return accept(Bytes.getLong(header, WalFormat.SEQUENCE_OFFSET), flags, key, value);
    }

    /** Applies the checks that need a record's decoded fields, then adds it to the batch. */
    private String accept(long sequence, int flags, byte[] key, byte[] value) {
        if ((flags & ~WalFormat.KNOWN_FLAGS) != 0) {
            return "unknown flag bits 0x" + Integer.toHexString(flags);
        }
        boolean isPut = (flags & WalFormat.FLAG_PUT) != 0;
        if (!isPut && value.length != 0) {
            return "delete record carries a " + value.length + "-byte value";
        }
        if (pending.isEmpty()) {
            if (sequence <= lastSequence) {
                return "sequence " + sequence + " does not increase (previous batch ended at "
                        + lastSequence + ")";
            }
        } else {
            long previous = pending.get(pending.size() - 1).sequence();
            if (sequence != previous + 1) {
                return "sequence " + sequence + " inside a batch does not follow " + previous;
            }
        }
        pending.add(new WalRecord(sequence, isPut, key, value));
        if ((flags & WalFormat.FLAG_LAST) != 0) {
            List<WalRecord> batch = Collections.unmodifiableList(pending);
            pending = new ArrayList<>();
            lastSequence = sequence;
            batches++;
            validBytes = in.position();
            consumer.accept(batch);
        }
        return null;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
