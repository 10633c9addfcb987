package io.sediment.engine.version;

import io.sediment.engine.error.CorruptionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to the set of live files, as appended to the manifest: files added to and removed
 * from levels, plus the counters that must survive a restart (next file number, last sequence,
 * the oldest WAL still needed). Applying edits in order to an empty state rebuilds the tree.
 *
 * <p>Encoding: a sequence of tagged fields, each {@code [tag:1][fields...]}, big endian (see
 * docs/formats.md). Tags are persistent ids: DO NOT CHANGE them; add new ones instead.
 */
public final class VersionEdit {
    private static final int TAG_LOG_NUMBER = 1;
    private static final int TAG_NEXT_FILE = 2;
    private static final int TAG_LAST_SEQUENCE = 3;
    private static final int TAG_DELETED_FILE = 4;
    private static final int TAG_NEW_FILE = 5;
    private static final int MAX_KEY = 1 << 26;

    /** A file placed at a level. */
    public record LevelFile(int level, FileMetaData file) {
    }

    /** A file removed from a level. */
    public record DeletedFile(int level, long number) {
    }

    private Long logNumber;
    private Long nextFileNumber;
    private Long lastSequence;
    private final List<LevelFile> newFiles = new ArrayList<>();
    private final List<DeletedFile> deletedFiles = new ArrayList<>();

    public VersionEdit logNumber(long n) {
        this.logNumber = n;
        return this;
    }

    public VersionEdit nextFileNumber(long n) {
        this.nextFileNumber = n;
        return this;
    }

    public VersionEdit lastSequence(long s) {
        this.lastSequence = s;
        return this;
    }

    public VersionEdit addFile(int level, FileMetaData f) {
        newFiles.add(new LevelFile(level, f));
        return this;
    }

    public VersionEdit deleteFile(int level, long number) {
        deletedFiles.add(new DeletedFile(level, number));
        return this;
    }

    public Long logNumber() {
        return logNumber;
    }

    public Long nextFileNumber() {
        return nextFileNumber;
    }

    public Long lastSequence() {
        return lastSequence;
    }

    public List<LevelFile> newFiles() {
        return newFiles;
    }

    public List<DeletedFile> deletedFiles() {
        return deletedFiles;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (logNumber != null) {
                out.writeByte(TAG_LOG_NUMBER);
                out.writeLong(logNumber);
            }
            if (nextFileNumber != null) {
                out.writeByte(TAG_NEXT_FILE);
                out.writeLong(nextFileNumber);
            }
            if (lastSequence != null) {
                out.writeByte(TAG_LAST_SEQUENCE);
                out.writeLong(lastSequence);
            }
            for (DeletedFile d : deletedFiles) {
                out.writeByte(TAG_DELETED_FILE);
                out.writeByte(d.level());
                out.writeLong(d.number());
            }
            for (LevelFile nf : newFiles) {
                FileMetaData f = nf.file();
                out.writeByte(TAG_NEW_FILE);
                out.writeByte(nf.level());
                out.writeLong(f.number());
                out.writeLong(f.size());
                out.writeLong(f.entries());
                out.writeLong(f.smallestSequence());
                out.writeLong(f.largestSequence());
                out.writeInt(f.smallest().length);
                out.write(f.smallest());
                out.writeInt(f.largest().length);
                out.write(f.largest());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes an edit.
     *
     * @throws CorruptionException naming {@code source} if the bytes are not a valid edit
     */
    public static VersionEdit decode(byte[] data, String source) {
        VersionEdit e = new VersionEdit();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            while (in.available() > 0) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case TAG_LOG_NUMBER -> e.logNumber(in.readLong());
                    case TAG_NEXT_FILE -> e.nextFileNumber(in.readLong());
                    case TAG_LAST_SEQUENCE -> e.lastSequence(in.readLong());
                    case TAG_DELETED_FILE -> e.deleteFile(in.readUnsignedByte(), in.readLong());
                    case TAG_NEW_FILE -> {
                        int level = in.readUnsignedByte();
                        long number = in.readLong();
                        long size = in.readLong();
                        long entries = in.readLong();
                        long smallSeq = in.readLong();
                        long largeSeq = in.readLong();
                        byte[] smallest = readKey(in, data.length);
                        byte[] largest = readKey(in, data.length);
                        e.addFile(level, new FileMetaData(number, size, entries, smallest, largest, smallSeq, largeSeq));
                    }
                    default -> throw new CorruptionException("unknown version edit tag " + tag + " in " + source);
                }
            }
        } catch (EOFException ex) {
            throw new CorruptionException("truncated version edit in " + source, ex);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return e;
    }

    private static byte[] readKey(DataInputStream in, int limit) throws IOException {
        int len = in.readInt();
        if (len < 8 || len > limit || len > MAX_KEY) {
            throw new CorruptionException("bad key length " + len + " in version edit");
        }
        byte[] k = new byte[len];
        in.readFully(k);
        return k;
    }
}
