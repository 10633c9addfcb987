package io.sediment.engine.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/** A file channel of {@link FaultyFileSystem}: checks for injected faults and records fsynced lengths. */
final class FaultyFileChannel extends FileChannel {
    private final FaultyFileSystem fs;
    private final Path path;
    private final FileChannel real;

    FaultyFileChannel(FaultyFileSystem fs, Path path, FileChannel real) {
        this.fs = fs;
        this.path = path;
        this.real = real;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        fs.check(FaultyFileSystem.Op.READ, path);
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        fs.check(FaultyFileSystem.Op.READ, path);
        return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        fs.check(FaultyFileSystem.Op.READ, path);
        return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        fs.check(FaultyFileSystem.Op.WRITE, path);
        return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        fs.check(FaultyFileSystem.Op.WRITE, path);
        return real.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        fs.check(FaultyFileSystem.Op.WRITE, path);
        return real.write(src, position);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        fs.check(FaultyFileSystem.Op.WRITE, path);
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        fs.check(FaultyFileSystem.Op.FSYNC, path);
        real.force(metaData);
        if (!java.nio.file.Files.isDirectory(path)) {
            fs.synced(path, real.size());
        }
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        fs.check(FaultyFileSystem.Op.READ, path);
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        fs.check(FaultyFileSystem.Op.WRITE, path);
        return real.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
