package io.sediment.engine.db;

import io.sediment.engine.error.SedimentException;
import io.sediment.engine.error.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive OS lock on a database directory's LOCK file: a second process (or a second
 * {@code Db} in this JVM) opening the same directory is refused with a clear error. The lock is
 * released by {@link #close()} or when the process dies.
 */
public final class DbLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DbLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DbLock acquire(Path lockFile) {
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException("cannot create lock file " + lockFile, e);
        }
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                closeQuietly(ch);
                throw new SedimentException("database " + lockFile.getParent()
                        + " is in use by another process (lock " + lockFile + " is held)");
            }
            return new DbLock(ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new SedimentException("database " + lockFile.getParent() + " is already open in this process");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StorageException("cannot lock " + lockFile, e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock dies with the channel or the process anyway
        }
    }
}
