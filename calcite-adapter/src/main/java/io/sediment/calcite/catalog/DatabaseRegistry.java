package io.sediment.calcite.catalog;

import io.sediment.engine.Db;
import io.sediment.engine.Options;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Shares one open {@link Database} per directory among all connections of this JVM (the engine
 * allows one process per directory and one {@code Db} per directory). Reference-counted: the
 * first {@link #acquire} opens the engine, the matching last {@link Lease#close()} closes it.
 *
 * <p>Thread-safe; opening and closing are serialized by the registry's monitor.
 */
public final class DatabaseRegistry {
    private static final Map<Path, Entry> OPEN = new HashMap<>();

    private DatabaseRegistry() {
    }

    private static final class Entry {
        final Database database;
        int references;

        Entry(Database database) {
            this.database = database;
        }
    }

    /** A counted reference to a shared database; close it exactly once. */
    public static final class Lease implements AutoCloseable {
        private final Path key;
        private final Database database;
        private boolean closed;

        private Lease(Path key, Database database) {
            this.key = key;
            this.database = database;
        }

        public Database database() {
            return database;
        }

        @Override
        public void close() {
            synchronized (DatabaseRegistry.class) {
                if (closed) {
                    return;
                }
                closed = true;
                Entry e = OPEN.get(key);
                if (e != null && e.database == database && --e.references == 0) {
                    OPEN.remove(key);
                    database.db().close();
                }
            }
        }
    }

    /** Opens (or shares) the database in {@code directory}, creating it if missing. */
    public static Lease acquire(Path directory) throws IOException {
        Path key = directory.toAbsolutePath().normalize();
        synchronized (DatabaseRegistry.class) {
            Entry e = OPEN.get(key);
            if (e == null) {
                java.nio.file.Files.createDirectories(key);
                Db db = Db.open(key, Options.defaults());
                try {
                    e = new Entry(new Database(key, db));
                } catch (RuntimeException ex) {
                    db.close();
                    throw ex;
                }
                OPEN.put(key, e);
            }
            e.references++;
            return new Lease(key, e.database);
        }
    }

    /** Number of connections holding the database of {@code directory} (0 when closed). */
    public static synchronized int references(Path directory) {
        Entry e = OPEN.get(directory.toAbsolutePath().normalize());
        return e == null ? 0 : e.references;
    }
}
