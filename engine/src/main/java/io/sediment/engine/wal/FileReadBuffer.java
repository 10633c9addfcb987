package io.sediment.engine.wal;

import io.sediment.engine.error.StorageException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sequential, buffered reading of a log file from start to end, shared by {@link WalReader} and
 * {@link LogReader}. Reads through one fixed buffer of {@link #SIZE} bytes, so a record may
 * straddle any number of refills.
 *
 * <p>Guarantees: {@link #read} returns fewer bytes than asked only at end of file;
 * {@link #position()} is the file offset of the next unread byte; {@link #fileSize()} is the
 * size when opened, which readers use to reject lengths that cannot fit before allocating.
 * Not thread-safe: one reader, one thread.
 */
final class FileReadBuffer implements Closeable {
    /** Size of the read buffer; tests place records across multiples of it. */
    static final int SIZE = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final byte[] buf = new byte[SIZE];
    private final ByteBuffer view = ByteBuffer.wrap(buf);
    private int pos;
    private int limit;
    private long consumed; // bytes taken from the channel into buf

    private FileReadBuffer(Path path, FileChannel channel, long fileSize) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    static FileReadBuffer open(Path path) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            return new FileReadBuffer(path, ch, ch.size());
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new StorageException("cannot open log file " + path + ": " + e, e);
        }
    }

    long fileSize() {
        return fileSize;
    }

    long position() {
        return consumed - (limit - pos);
    }

    /** Bytes between {@link #position()} and the size the file had when opened. */
    long remaining() {
        return fileSize - position();
    }

    /** Reads up to {@code len} bytes into {@code dst[off..]}; returns the count, short only at EOF. */
    int read(byte[] dst, int off, int len) {
        int done = 0;
        while (done < len) {
            if (pos == limit && !refill()) {
                break;
            }
            int n = Math.min(limit - pos, len - done);
            System.arraycopy(buf, pos, dst, off + done, n);
            pos += n;
            done += n;
        }
        return done;
    }

    /** Reads one byte (0..255), or -1 at end of file. */
    int read() {
        if (pos == limit && !refill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private boolean refill() {
        view.clear();
        int n;
        try {
            do {
                n = channel.read(view);
            } while (n == 0);
        } catch (IOException e) {
            throw new StorageException("cannot read log file " + path + " at offset " + consumed
                    + ": " + e, e);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        consumed += n;
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageException("cannot close log file " + path + ": " + e, e);
        }
    }
}
