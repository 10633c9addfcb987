package io.sediment.engine.db;

import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.util.RefCount;
import io.sediment.engine.version.PinnedTables;
import io.sediment.engine.version.TableCache;
import io.sediment.engine.version.Version;
import io.sediment.engine.version.VersionSet;
import java.util.List;

/**
 * Everything a read needs, captured together: the active memtable, the immutable memtables
 * waiting for flush (newest first), the current {@link Version} and its {@link PinnedTables}.
 * Readers take a reference without locking ({@link #tryAcquire}); the version's files stay alive,
 * and the tables readers opened through {@link #tables} stay open, until the last reader
 * releases it. A new super-version is installed whenever any of the three changes.
 */
public final class SuperVersion {
    public final Memtable mem;
    public final List<Memtable> immutables;
    public final Version version;
    public final PinnedTables tables;
    private final RefCount refs;

    /** REQUIRES: {@code version} was acquired from {@code versions}; this object now owns that reference. */
    public SuperVersion(Memtable mem, List<Memtable> immutables, Version version, VersionSet versions,
                        TableCache tableCache) {
        this.mem = mem;
        this.immutables = List.copyOf(immutables);
        this.version = version;
        this.tables = new PinnedTables(version, tableCache);
        this.refs = new RefCount(() -> {
            tables.release(); // before the version: its files may be deleted once it is released
            versions.release(version);
        });
    }

    public boolean tryAcquire() {
        return refs.tryAcquire();
    }

    public void release() {
        refs.release();
    }
}
