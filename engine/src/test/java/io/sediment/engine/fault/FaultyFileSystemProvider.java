package io.sediment.engine.fault;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The provider behind {@link FaultyFileSystem}: delegates to the real provider after checking for injected faults. */
final class FaultyFileSystemProvider extends FileSystemProvider {
    private final FaultyFileSystem fs;
    private final FileSystemProvider real;

    FaultyFileSystemProvider(FaultyFileSystem fs, FileSystemProvider real) {
        this.fs = fs;
        this.real = real;
    }

    private static Path u(Path p) {
        return FaultyPath.unwrap(p);
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        return new FaultyPath(fs, real.getPath(uri));
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path r = u(path);
        fs.check(FaultyFileSystem.Op.OPEN, r);
        boolean existed = java.nio.file.Files.exists(r);
        FileChannel ch = real.newFileChannel(r, options, attrs);
        if (!existed || options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
                fs.created(r);
                if (options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
                    fs.synced(r, 0);
                }
            }
        }
        return new FaultyFileChannel(fs, r, ch);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        DirectoryStream<Path> inner = real.newDirectoryStream(u(dir), p -> filter.accept(new FaultyPath(fs, p)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> it = inner.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return new FaultyPath(fs, it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        real.createDirectory(u(dir), attrs);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        fs.check(FaultyFileSystem.Op.LINK, u(link));
        real.createLink(u(link), u(existing));
    }

    @Override
    public void delete(Path path) throws IOException {
        fs.check(FaultyFileSystem.Op.DELETE, u(path));
        real.delete(u(path));
        fs.deleted(u(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        fs.check(FaultyFileSystem.Op.WRITE, u(target));
        real.copy(u(source), u(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        fs.check(FaultyFileSystem.Op.RENAME, u(source));
        real.move(u(source), u(target), options);
        fs.renamed(u(source), u(target));
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return real.isSameFile(u(path), u(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return real.isHidden(u(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return real.getFileStore(u(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        real.checkAccess(u(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return real.getFileAttributeView(u(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return real.readAttributes(u(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return real.readAttributes(u(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        real.setAttribute(u(path), attribute, value, options);
    }
}
