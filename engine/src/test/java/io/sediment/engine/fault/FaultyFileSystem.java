package io.sediment.engine.fault;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file system for tests that wraps the real one and can inject faults: fail writes, fsyncs,
 * renames, deletes, opens and reads with a chosen {@link IOException} (ENOSPC, EIO), and simulate
 * a power loss by cutting every file back to the bytes that were fsynced. The engine under test
 * gets a {@link Path} from {@link #root()} and uses plain {@code java.nio} calls, so the real code
 * paths run unchanged.
 *
 * <p>Power loss is simulated at file-content granularity: unsynced appended bytes are dropped;
 * names created or renamed without a directory fsync are kept (a stricter model would drop them).
 * Thread-safe.
 */
public final class FaultyFileSystem extends FileSystem {
    /** The kinds of operations a fault can hit. */
    public enum Op { OPEN, WRITE, FSYNC, READ, RENAME, DELETE, LINK }

    /** A fault: when it applies and what it throws. */
    public record Fault(Op op, String fileNameContains, IOException error, int skip) {
    }

    private final FaultyFileSystemProvider provider;
    private final FileSystem real = FileSystems.getDefault();
    private final Path realRoot;
    private final List<Fault> faults = new ArrayList<>();
    private final Map<Path, Long> syncedLength = new ConcurrentHashMap<>();
    private long injected;

    private FaultyFileSystem(Path realRoot) {
        this.realRoot = realRoot.toAbsolutePath();
        this.provider = new FaultyFileSystemProvider(this, real.provider());
    }

    public static FaultyFileSystem wrap(Path realRoot) {
        return new FaultyFileSystem(realRoot);
    }

    /** The wrapped form of the real root directory given to {@link #wrap}. */
    public Path root() {
        return new FaultyPath(this, realRoot);
    }

    /** Every {@code op} on a file whose name contains {@code nameContains} fails with {@code error}. */
    public synchronized void fail(Op op, String nameContains, IOException error) {
        faults.add(new Fault(op, nameContains, error, 0));
    }

    /** Like {@link #fail} but lets the first {@code skip} matching operations succeed. */
    public synchronized void failAfter(Op op, String nameContains, int skip, IOException error) {
        faults.add(new Fault(op, nameContains, error, skip));
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** How many operations failed because of an injected fault. */
    public synchronized long injectedCount() {
        return injected;
    }

    synchronized void check(Op op, Path realPath) throws IOException {
        String name = realPath.getFileName() == null ? "" : realPath.getFileName().toString();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.op() == op && name.contains(f.fileNameContains())) {
                if (f.skip() > 0) {
                    faults.set(i, new Fault(f.op(), f.fileNameContains(), f.error(), f.skip() - 1));
                    continue;
                }
                injected++;
                IOException e = new IOException(f.error().getMessage() + " (injected on " + op + " of " + name + ")");
                throw e;
            }
        }
    }

    void synced(Path realPath, long length) {
        syncedLength.put(realPath.toAbsolutePath(), length);
    }

    void created(Path realPath) {
        syncedLength.putIfAbsent(realPath.toAbsolutePath(), 0L);
    }

    void renamed(Path from, Path to) {
        Long len = syncedLength.remove(from.toAbsolutePath());
        if (len != null) {
            syncedLength.put(to.toAbsolutePath(), len);
        }
    }

    void deleted(Path realPath) {
        syncedLength.remove(realPath.toAbsolutePath());
    }

    /**
     * Simulates a power loss: every file written through this file system is cut back to the
     * length it had at its last fsync (files never fsynced become empty). Call only when no
     * database has the files open (after abandoning the {@code Db} object without close).
     *
     * @return how many bytes were dropped
     */
    public long simulatePowerLoss() throws IOException {
        long dropped = 0;
        for (Map.Entry<Path, Long> e : syncedLength.entrySet()) {
            Path p = e.getKey();
            if (java.nio.file.Files.exists(p)) {
                long size = java.nio.file.Files.size(p);
                if (size > e.getValue()) {
                    try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                        ch.truncate(e.getValue());
                    }
                    dropped += size - e.getValue();
                }
            }
        }
        return dropped;
    }

    Path realRoot() {
        return realRoot;
    }

    @Override
    public FaultyFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        for (Path r : real.getRootDirectories()) {
            roots.add(new FaultyPath(this, r));
        }
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return new FaultyPath(this, real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = real.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(FaultyPath.unwrap(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException();
    }
}
