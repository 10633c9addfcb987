package io.sediment.calcite.catalog;

import io.sediment.engine.Db;

import java.nio.file.Path;

/**
 * One open Sediment database as the SQL layer sees it: the engine {@link Db} of a directory and
 * its {@link Catalog}. Shared by every connection to that directory in this JVM (see
 * {@link DatabaseRegistry}); thread-safe.
 */
public final class Database {
    private final Path directory;
    private final Db db;
    private final Catalog catalog;

    Database(Path directory, Db db) {
        this.directory = directory;
        this.db = db;
        this.catalog = Catalog.load(db);
    }

    public Path directory() {
        return directory;
    }

    public Db db() {
        return db;
    }

    public Catalog catalog() {
        return catalog;
    }

    @Override
    public String toString() {
        return "Database[" + directory + "]";
    }
}
