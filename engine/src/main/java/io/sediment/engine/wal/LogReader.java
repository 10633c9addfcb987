package io.sediment.engine.wal;

import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.Crc;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads back a record log written by {@link LogWriter} (format in its class comment): the
 * manifest's version edits.
 *
 * <p>Guarantees: returns, in order, the payloads of the records before the first bad one and
 * nothing after it. A record is bad when the file ends inside its header or payload, its header
 * is all zero bytes (a preallocated tail), its length is negative, above
 * {@link LogWriter#MAX_RECORD_LENGTH} or past the end of the file, or its checksum does not
 * match. Reading then stops with a warning naming the file, offset and reason, which the
 * {@link LogReadResult} repeats; the caller decides whether that is fatal. Bad content never
 * throws and never makes the reader allocate more than the file holds; only real I/O errors
 * throw ({@link io.sediment.engine.error.StorageException}).
 *
 * <p>Thread-safety: {@link #readAll} keeps no shared state.
 */
public final class LogReader {
    private static final System.Logger LOG = System.getLogger(LogReader.class.getName());

    /**
     * What {@link LogReader#readAll} found in a record log: the intact records, how far they
     * reach, and why reading stopped early, if it did. The caller decides whether a problem is
     * fatal (a torn last record of a manifest is expected after a crash; damage before it may
     * not be). The list is unmodifiable; the arrays are fresh and belong to the caller.
     *
     * @param records the payloads of the intact records, in file order
     * @param validBytes file offset just after the last intact record
     * @param problem why reading stopped before the end of the file (with the offset of the bad
     *     record), or {@code null} when the file was clean to the end
     */
    public record LogReadResult(List<byte[]> records, long validBytes, String problem) {

        /** True when every byte of the file belonged to an intact record. */
        public boolean clean() {
            return problem == null;
        }
    }

    private LogReader() {
    }

    /**
     * Reads every intact record of {@code file}.
     *
     * @throws io.sediment.engine.error.StorageException if the file cannot be opened or read
     */
    public static LogReadResult readAll(Path file) {
        List<byte[]> records = new ArrayList<>();
        byte[] header = new byte[LogWriter.HEADER_SIZE];
        CRC32C crc = new CRC32C();
        try (FileReadBuffer in = FileReadBuffer.open(file)) {
            while (true) {
                long start = in.position();
                String problem = readRecord(in, header, crc, records);
                if (problem != null) {
                    List<byte[]> result = Collections.unmodifiableList(records);
                    if (problem.isEmpty()) {
                        return new LogReadResult(result, start, null);
                    }
                    String where = problem + " at offset " + start;
                    LOG.log(Level.WARNING, () -> "record log " + file + ": " + where + "; read "
                            + records.size() + " records up to offset " + start
                            + ", ignoring the " + (in.fileSize() - start) + " bytes after it");
                    return new LogReadResult(result, start, where);
                }
            }
        }
    }

    /** Reads one record into {@code records}; null to go on, "" at a clean end, else why it stops. */
    private static String readRecord(FileReadBuffer in, byte[] header, CRC32C crc,
            List<byte[]> records) {
        int got = in.read(header, 0, LogWriter.HEADER_SIZE);
        if (got == 0) {
            return "";
        }
        if (got < LogWriter.HEADER_SIZE) {
            return "torn record header (" + got + " of " + LogWriter.HEADER_SIZE
                    + " bytes before end of file)";
        }
        int length = Bytes.getInt(header, LogWriter.LENGTH_OFFSET);
        int storedCrc = Bytes.getInt(header, LogWriter.CRC_OFFSET);
        if (length == 0 && storedCrc == 0) {
            return "zero-filled tail (preallocated or never written)";
        }
        if (length < 0 || length > LogWriter.MAX_RECORD_LENGTH) {
            return "impossible length " + length;
        }
        if (length > in.remaining()) {
            return "torn record payload (needs " + length + " bytes, " + in.remaining()
                    + " remain in the file)";
        }
        byte[] payload = new byte[length];
        if (in.read(payload, 0, length) < length) {
            return "torn record payload (file shrank while reading)";
        }
        crc.reset();
        crc.update(header, LogWriter.LENGTH_OFFSET, LogWriter.HEADER_SIZE - LogWriter.LENGTH_OFFSET);
        crc.update(payload, 0, length);
        if (Crc.mask((int) crc.getValue()) != storedCrc) {
            return "checksum mismatch";
        }
        records.add(payload);
        return null;
    }
}
