package io.sediment.engine.wal;

import io.sediment.engine.error.StorageException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A new file written strictly from start to end, shared by {@link WalWriter} and
 * {@link LogWriter}: creation (never reopening), positional bookkeeping, durable sync, and
 * failure handling.
 *
 * <p>Guarantees: the file did not exist before {@link #create}; bytes land in the order written;
 * after the first successful {@link #sync()} the parent directory is synced too, so the file's
 * name is as durable as its contents. After any I/O error the file is poisoned: every later
 * write or sync fails with the same cause, because what reached the disk is unknown and
 * appending after a partial write (or retrying a failed fsync) could acknowledge data that a
 * reader will never deliver. {@link #close()} does not sync.
 *
 * <p>Not thread-safe: its writer serializes access.
 */
final class AppendFile implements Closeable {
    /** Largest slice handed to one channel write, so that the JDK's temporary direct buffer stays small. */
    private static final int MAX_WRITE_CHUNK = 1 << 20;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final Path path;
    private final FileChannel channel;
    private long size;
    private boolean directorySynced;
    private boolean closed;
    private StorageException failure;

    private AppendFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates {@code path}, which must not exist yet. */
    static AppendFile create(Path path) {
        try {
            return new AppendFile(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
        } catch (FileAlreadyExistsException e) {
            throw new StorageException("cannot create log file " + path
                    + ": it already exists (log files are never reopened for appending)", e);
        } catch (IOException e) {
            throw new StorageException("cannot create log file " + path + ": " + e, e);
        }
    }

    Path path() {
        return path;
    }

    /** Bytes written so far (also the offset where the next write lands). */
    long size() {
        return size;
    }

    /** Throws if the file is closed or failed earlier; lets writers check before encoding. */
    void checkUsable() {
        if (closed) {
            throw new IllegalStateException("log file " + path + " is closed");
        }
        if (failure != null) {
            throw new StorageException("log file " + path
                    + " failed earlier and accepts no more writes: " + failure.getCause(),
                    failure.getCause());
        }
    }

    /** Writes {@code src} from its position to its limit, completely. */
    void write(ByteBuffer src) {
        checkUsable();
        int end = src.limit();
        try {
            while (src.position() < end) {
                src.limit(Math.min(end, src.position() + MAX_WRITE_CHUNK));
                size += channel.write(src);
            }
        } catch (IOException e) {
            throw poison("cannot write log file " + path + " at offset " + size, e);
        } finally {
            src.limit(end);
        }
    }

    /** Forces written bytes to stable storage ({@code fdatasync}), and the directory entry once. */
    void sync() {
        checkUsable();
        try {
            channel.force(false);
            if (!directorySynced) {
                syncDirectory();
                directorySynced = true;
            }
        } catch (IOException e) {
            throw poison("cannot sync log file " + path, e);
        }
    }

    /** Closes the file without syncing it; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageException("cannot close log file " + path + ": " + e, e);
        }
    }

    private StorageException poison(String message, IOException cause) {
        failure = new StorageException(message + ": " + cause, cause);
        return failure;
    }

    private void syncDirectory() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null || WINDOWS) {
            return; // Windows cannot open a directory as a channel; its metadata is journaled
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
