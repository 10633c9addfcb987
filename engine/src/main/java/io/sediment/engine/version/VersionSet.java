package io.sediment.engine.version;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.error.StorageException;
import io.sediment.engine.util.CrashPoints;
import io.sediment.engine.wal.LogReader;
import io.sediment.engine.wal.LogWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The durable history of the tree: the current {@link Version}, the manifest that records every
 * {@link VersionEdit}, and the counters that must survive restarts.
 *
 * <p>Crash safety: an edit is appended to the manifest and fsynced before the new version is
 * installed. A new manifest (a full snapshot of the state) is written and fsynced before CURRENT
 * is pointed at it by an atomic rename, so a crash at any instant leaves CURRENT naming a
 * complete manifest.
 *
 * <p>Thread-safety: all methods are synchronized on this object; edits are applied one at a time.
 */
public final class VersionSet implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VersionSet.class.getName());
    private static final long MAX_MANIFEST_BYTES = 4L << 20;

    private final Path dir;
    private final int numLevels;
    private Version current;
    private final Set<Version> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private long nextFileNumber = 2;
    private long lastSequence;
    private long logNumber;
    private long manifestNumber;
    private LogWriter manifest;
    private boolean manifestClean = true;

    private VersionSet(Path dir, int numLevels) {
        this.dir = dir;
        this.numLevels = numLevels;
    }

    /**
     * Loads the state named by CURRENT (or starts an empty one if the directory has no CURRENT),
     * then writes a fresh manifest holding it.
     *
     * @throws CorruptionException if CURRENT or the manifest it names cannot be read
     */
    public static VersionSet recover(Path dir, int numLevels) {
        VersionSet vs = new VersionSet(dir, numLevels);
        List<List<FileMetaData>> levels = emptyLevels(numLevels);
        Path currentFile = dir.resolve(FileNames.CURRENT);
        if (Files.exists(currentFile)) {
            String name;
            try {
                name = Files.readString(currentFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new StorageException("cannot read " + currentFile, e);
            }
            FileNames.Parsed parsed = FileNames.parse(name);
            if (parsed.kind() != FileNames.Kind.MANIFEST) {
                throw new CorruptionException("CURRENT in " + dir + " does not name a manifest: '" + name + "'");
            }
            Path manifestPath = dir.resolve(name);
            if (!Files.exists(manifestPath)) {
                throw new CorruptionException("CURRENT names " + name + " but " + manifestPath + " is missing");
            }
            LogReader.LogReadResult read = LogReader.readAll(manifestPath);
            if (read.problem() != null) {
                if (!read.problem().startsWith("torn") && !read.problem().startsWith("zero-filled")) {
                    throw new CorruptionException("manifest " + manifestPath + " is damaged (" + read.problem()
                            + "); refusing to open rather than lose track of live files");
                }
                vs.manifestClean = false;
                LOG.log(System.Logger.Level.WARNING, "manifest " + manifestPath + ": " + read.problem()
                        + "; using the " + read.records().size() + " edits before it");
            }
            for (byte[] record : read.records()) {
                vs.apply(levels, VersionEdit.decode(record, manifestPath.toString()), manifestPath.toString());
            }
            vs.nextFileNumber = Math.max(vs.nextFileNumber, parsed.number() + 1);
        }
        vs.skipNumbersInUse();
        vs.current = new Version(levels);
        vs.live.add(vs.current);
        vs.writeNewManifest(vs.current);
        return vs;
    }

    /**
     * Moves the file counter past every numbered file in the directory. Numbers handed out just
     * before a crash (a new WAL, the output of an interrupted compaction, a manifest that never
     * became CURRENT) are not in the manifest, and must not be handed out again.
     */
    private void skipNumbersInUse() {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                FileNames.Parsed parsed = FileNames.parse(p.getFileName().toString());
                if (parsed.number() >= 0) {
                    nextFileNumber = Math.max(nextFileNumber, parsed.number() + 1);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir, e);
        }
    }

    private static List<List<FileMetaData>> emptyLevels(int n) {
        List<List<FileMetaData>> levels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            levels.add(new ArrayList<>());
        }
        return levels;
    }

    private void apply(List<List<FileMetaData>> levels, VersionEdit edit, String source) {
        if (edit.logNumber() != null) {
            logNumber = edit.logNumber();
        }
        if (edit.nextFileNumber() != null) {
            nextFileNumber = Math.max(nextFileNumber, edit.nextFileNumber());
        }
        if (edit.lastSequence() != null) {
            lastSequence = Math.max(lastSequence, edit.lastSequence());
        }
        for (VersionEdit.DeletedFile d : edit.deletedFiles()) {
            checkLevel(d.level(), source);
            levels.get(d.level()).removeIf(f -> f.number() == d.number());
        }
        for (VersionEdit.LevelFile nf : edit.newFiles()) {
            checkLevel(nf.level(), source);
            levels.get(nf.level()).add(nf.file());
            nextFileNumber = Math.max(nextFileNumber, nf.file().number() + 1);
        }
        levels.get(0).sort(Version.NEWEST_FIRST);
        for (int i = 1; i < levels.size(); i++) {
            levels.get(i).sort(Version.BY_SMALLEST_KEY);
        }
    }

    private void checkLevel(int level, String source) {
        if (level < 0 || level >= numLevels) {
            throw new CorruptionException("edit in " + source + " names level " + level + " but the database has "
                    + numLevels + " levels (open it with at least " + (level + 1) + ")");
        }
    }

    /** Appends {@code edit} to the manifest (fsynced) and installs the resulting version. */
    public synchronized Version logAndApply(VersionEdit edit) {
        List<List<FileMetaData>> levels = new ArrayList<>(numLevels);
        for (int i = 0; i < numLevels; i++) {
            levels.add(new ArrayList<>(current.files(i)));
        }
        edit.nextFileNumber(nextFileNumber);
        if (edit.lastSequence() == null) {
            edit.lastSequence(lastSequence);
        }
        apply(levels, edit, "edit");
        Version next = new Version(levels);
        if (manifest.size() > MAX_MANIFEST_BYTES) {
            writeNewManifest(next);
        } else {
            manifest.append(edit.encode());
            CrashPoints.reach(CrashPoints.MANIFEST_EDIT_APPENDED);
            manifest.sync();
        }
        install(next);
        return current;
    }

    private void install(Version v) {
        Version old = current;
        current = v;
        live.add(v);
        if (old.refs.get() == 0) {
            live.remove(old);
        }
    }

    private void writeNewManifest(Version state) {
        long number = nextFileNumber++;
        Path path = FileNames.manifest(dir, number);
        VersionEdit snapshot = new VersionEdit().logNumber(logNumber).nextFileNumber(nextFileNumber)
                .lastSequence(lastSequence);
        for (int level = 0; level < numLevels; level++) {
            for (FileMetaData f : state.files(level)) {
                snapshot.addFile(level, f);
            }
        }
        LogWriter w = LogWriter.create(path);
        try {
            w.append(snapshot.encode());
            w.sync();
            CrashPoints.reach(CrashPoints.NEW_MANIFEST_WRITTEN);
            setCurrent(dir, path.getFileName().toString());
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        LogWriter old = manifest;
        manifest = w;
        manifestNumber = number;
        if (old != null) {
            old.close();
        }
    }

    /** Points CURRENT at {@code manifestName} atomically (write temp, fsync, rename, fsync dir). */
    public static void setCurrent(Path dir, String manifestName) {
        Path tmp = dir.resolve(FileNames.CURRENT + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap((manifestName + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            CrashPoints.reach(CrashPoints.CURRENT_TEMP_WRITTEN);
            Files.move(tmp, dir.resolve(FileNames.CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StorageException("cannot update CURRENT in " + dir, e);
        }
    }

    /** fsyncs a directory so that renames and new names in it are durable. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (NoSuchFileException e) {
            throw new StorageException("directory vanished: " + dir, e);
        } catch (IOException e) {
            // Some file systems cannot fsync directories; the rename is still atomic there.
        }
    }

    public synchronized Version current() {
        return current;
    }

    /** The current version with a reference taken; pair with {@link #release}. */
    public synchronized Version acquireCurrent() {
        current.refs.incrementAndGet();
        return current;
    }

    public synchronized void release(Version v) {
        if (v.refs.decrementAndGet() == 0 && v != current) {
            live.remove(v);
        }
    }

    /** Numbers of every SSTable in a version someone still reads; those must not be deleted. */
    public synchronized Set<Long> liveTableNumbers() {
        Set<Long> out = new HashSet<>();
        for (Version v : live) {
            for (int level = 0; level < numLevels; level++) {
                for (FileMetaData f : v.files(level)) {
                    out.add(f.number());
                }
            }
        }
        return out;
    }

    public synchronized long newFileNumber() {
        return nextFileNumber++;
    }

    public synchronized long lastSequence() {
        return lastSequence;
    }

    public synchronized void lastSequence(long s) {
        lastSequence = Math.max(lastSequence, s);
    }

    public synchronized long logNumber() {
        return logNumber;
    }

    public synchronized long manifestNumber() {
        return manifestNumber;
    }

    public int numLevels() {
        return numLevels;
    }

    /** False if the manifest read on open ended in a torn or corrupt record. */
    public boolean manifestWasClean() {
        return manifestClean;
    }

    @Override
    public synchronized void close() {
        if (manifest != null) {
            manifest.close();
            manifest = null;
        }
    }
}
