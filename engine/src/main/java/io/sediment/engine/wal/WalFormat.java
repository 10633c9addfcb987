package io.sediment.engine.wal;

/**
 * The constants of the write-ahead log format shared by {@link WalWriter} and {@link WalReader}:
 * record layout, flag bits, length limits, and the file-name suffix that tells the format version.
 * The byte layout is drawn in {@link WalWriter}'s class comment and in docs/formats.md.
 *
 * <p>On-disk values: DO NOT CHANGE them. A new layout gets a new {@link #VERSION} and a new
 * {@link #FILE_SUFFIX}; the old reader stays to replay old files. Stateless; thread-safe.
 */
public final class WalFormat {
    /** Version of the record layout written by this release. */
    public static final int VERSION = 1;

    /**
     * File-name suffix of version-1 WAL files ({@code NNNNNN.log}; the directory's file names
     * are assigned by the version package). The suffix is how the engine tells the format of a
     * WAL apart on open, before reading a byte of it; a later format gets another suffix.
     */
    public static final String FILE_SUFFIX = ".log";

    /** Largest key a WAL record may hold: 8 MiB. Longer lengths on disk are corruption. */
    public static final int MAX_KEY_LENGTH = 8 << 20;

    /** Largest value a WAL record may hold: 256 MiB. Longer lengths on disk are corruption. */
    public static final int MAX_VALUE_LENGTH = 256 << 20;

    /** Bytes before the payload: masked CRC (4), sequence (8), key length (4), value length (4). */
    static final int HEADER_SIZE = 20;
    static final int CRC_OFFSET = 0;
    static final int SEQUENCE_OFFSET = 4;
    static final int KEY_LENGTH_OFFSET = 12;
    static final int VALUE_LENGTH_OFFSET = 16;

    /** Flag bit 0: 1 = put, 0 = delete. */
    static final int FLAG_PUT = 0x01;
    /** Flag bit 1: this record is the last of its batch. */
    static final int FLAG_LAST = 0x02;
    /** Every flag bit this version defines; a record with any other bit set is corrupt. */
    static final int KNOWN_FLAGS = FLAG_PUT | FLAG_LAST;

    private WalFormat() {
    }

    /** Size on disk of a record with the given key and value lengths (header, flags, key, value). */
    static int recordSize(int keyLength, int valueLength) {
        return HEADER_SIZE + 1 + keyLength + valueLength;
    }
}
