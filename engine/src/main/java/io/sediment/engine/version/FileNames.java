package io.sediment.engine.version;

import java.nio.file.Path;

/**
 * The names of the files in a database directory, in one place.
 * <pre>
 *   LOCK               held (OS file lock) by the process that has the database open
 *   CURRENT            one line: the name of the live manifest; replaced atomically by rename
 *   MANIFEST-NNNNNN    append-only log of version edits
 *   NNNNNN.log         write-ahead log of one memtable
 *   NNNNNN.sst         an SSTable
 *   *.tmp              half-written files; removed on open
 * </pre>
 */
public final class FileNames {
    public static final String LOCK = "LOCK";
    public static final String CURRENT = "CURRENT";

    private FileNames() {
    }

    public static Path table(Path dir, long number) {
        return dir.resolve(String.format("%06d.sst", number));
    }

    public static Path wal(Path dir, long number) {
        return dir.resolve(String.format("%06d.log", number));
    }

    public static Path manifest(Path dir, long number) {
        return dir.resolve(String.format("MANIFEST-%06d", number));
    }

    /** Kinds of files found in a database directory. */
    public enum Kind { TABLE, WAL, MANIFEST, CURRENT, LOCK, TEMP, OTHER }

    /** A parsed directory entry: its kind and number (-1 when it has none). */
    public record Parsed(Kind kind, long number) {
    }

    public static Parsed parse(String name) {
        if (name.equals(CURRENT)) {
            return new Parsed(Kind.CURRENT, -1);
        }
        if (name.equals(LOCK)) {
            return new Parsed(Kind.LOCK, -1);
        }
        if (name.endsWith(".tmp")) {
            return new Parsed(Kind.TEMP, -1);
        }
        try {
            if (name.startsWith("MANIFEST-")) {
                return new Parsed(Kind.MANIFEST, Long.parseLong(name.substring(9)));
            }
            if (name.endsWith(".sst")) {
                return new Parsed(Kind.TABLE, Long.parseLong(name.substring(0, name.length() - 4)));
            }
            if (name.endsWith(".log")) {
                return new Parsed(Kind.WAL, Long.parseLong(name.substring(0, name.length() - 4)));
            }
        } catch (NumberFormatException e) {
            return new Parsed(Kind.OTHER, -1);
        }
        return new Parsed(Kind.OTHER, -1);
    }
}
