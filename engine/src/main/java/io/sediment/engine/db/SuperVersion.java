package io.sediment.engine.db;

import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.version.Version;
import io.sediment.engine.version.VersionSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a read needs, captured together: the active memtable, the immutable memtables
 * waiting for flush (newest first) and the current {@link Version}. Readers take a reference
 * without locking ({@link #tryAcquire}); the version's files stay alive until the last reader
 * releases it. A new super-version is installed whenever any of the three changes.
 */
public final class SuperVersion {
    public final Memtable mem;
    public final List<Memtable> immutables;
    public final Version version;
    private final VersionSet versions;
    private final AtomicInteger refs = new AtomicInteger(1);

    /** REQUIRES: {@code version} was acquired from {@code versions}; this object now owns that reference. */
    public SuperVersion(Memtable mem, List<Memtable> immutables, Version version, VersionSet versions) {
        this.mem = mem;
        this.immutables = List.copyOf(immutables);
        this.version = version;
        this.versions = versions;
    }

    public boolean tryAcquire() {
        while (true) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (refs.decrementAndGet() == 0) {
            versions.release(version);
        }
    }
}
