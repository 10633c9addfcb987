package io.sediment.calcite.catalog;

import io.sediment.calcite.encoding.ByteReader;
import io.sediment.calcite.encoding.ByteWriter;
import io.sediment.calcite.encoding.KeyCodec;
import io.sediment.calcite.encoding.TableKeys;
import io.sediment.engine.CompactionStyle;
import io.sediment.engine.Db;
import io.sediment.engine.DbIterator;
import io.sediment.engine.WriteBatch;
import io.sediment.engine.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable list of schemas and tables of one database, kept in the engine (layout in
 * {@link CatalogCodec}) and mirrored in memory for planning. Also keeps each table's row count,
 * updated in the same write batch as the DML that changes it, so the count is exact and
 * survives restarts.
 *
 * <p>It also keeps the database settings an operator changes with SQL and expects to survive a
 * restart (today the compaction style): {@link #load} applies them to the engine.
 *
 * <p>Thread-safety: readers may call any getter at any time. Every change (DDL here, DML in the
 * modify runtime) runs under {@link #writeLock()}, which also serializes duplicate-key checks
 * with the writes that depend on them. DDL is written with {@code sync}.
 */
public final class Catalog {
    /** The default schema for user tables; always exists. */
    public static final String PUBLIC = "PUBLIC";
    /** The operator's schema: system tables and procedures; holds no user tables. */
    public static final String SYS = "SYS";

    private final Db db;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, Map<String, TableDef>> tables = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> rowCounts = new ConcurrentHashMap<>();
    private volatile int nextTableId = 1;

    private Catalog(Db db) {
        this.db = db;
    }

    /** Reads the catalog of {@code db} and applies its stored settings to {@code db}. */
    public static Catalog load(Db db) {
        Catalog c = new Catalog(db);
        byte[] style = db.get(CatalogCodec.compactionStyleKey());
        if (style != null) {
            String name = new String(style, StandardCharsets.US_ASCII);
            try {
                db.setCompactionStyle(CompactionStyle.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the catalog records an unknown compaction style '" + name
                        + "' (written by a newer release?)", e);
            }
        }
        c.tables.put(PUBLIC, new ConcurrentHashMap<>());
        byte[] nextId = db.get(CatalogCodec.nextIdKey());
        if (nextId != null) {
            c.nextTableId = (int) new ByteReader(nextId, 0).readBigEndian(4);
        }
        try (DbIterator it = db.range(CatalogCodec.prefix('S'), KeyCodec.prefixEnd(CatalogCodec.prefix('S')))) {
            for (; it.valid(); it.next()) {
                c.tables.putIfAbsent(CatalogCodec.schemaOfKey(it.key()), new ConcurrentHashMap<>());
            }
        }
        try (DbIterator it = db.range(CatalogCodec.prefix('T'), KeyCodec.prefixEnd(CatalogCodec.prefix('T')))) {
            for (; it.valid(); it.next()) {
                String[] name = CatalogCodec.tableNameOfKey(it.key());
                TableDef t = CatalogCodec.decodeTable(name[0], name[1], it.value());
                c.tables.computeIfAbsent(name[0], k -> new ConcurrentHashMap<>()).put(name[1], t);
                byte[] count = db.get(CatalogCodec.rowCountKey(t.id()));
                c.rowCounts.put(t.id(), new AtomicLong(count == null ? 0 : new ByteReader(count, 0).readBigEndian(8)));
            }
        }
        return c;
    }

    public ReentrantLock writeLock() {
        return writeLock;
    }

    /**
     * Switches the engine's compaction style and records it (synced) so that the database reopens
     * with it; returns the style it replaced.
     */
    public CompactionStyle setCompactionStyle(CompactionStyle style) {
        writeLock.lock();
        try {
            CompactionStyle before = db.compactionStyle();
            db.put(CatalogCodec.compactionStyleKey(), style.name().getBytes(StandardCharsets.US_ASCII), WriteOptions.sync());
            db.setCompactionStyle(style);
            return before;
        } finally {
            writeLock.unlock();
        }
    }

    /** User schema names (PUBLIC and created ones), sorted. */
    public Set<String> schemas() {
        return new TreeSet<>(tables.keySet());
    }

    public boolean hasSchema(String schema) {
        return tables.containsKey(schema);
    }

    public Optional<TableDef> table(String schema, String name) {
        Map<String, TableDef> m = tables.get(schema);
        return Optional.ofNullable(m == null ? null : m.get(name));
    }

    /** Tables of {@code schema} sorted by name (empty for an unknown schema). */
    public List<TableDef> tables(String schema) {
        Map<String, TableDef> m = tables.get(schema);
        List<TableDef> out = new ArrayList<>(m == null ? List.of() : m.values());
        out.sort(Comparator.comparing(TableDef::name));
        return out;
    }

    /** All tables of all schemas. */
    public List<TableDef> allTables() {
        List<TableDef> out = new ArrayList<>();
        for (String s : schemas()) {
            out.addAll(tables(s));
        }
        return out;
    }

    /** The table with engine id {@code id}, if it exists. */
    public Optional<TableDef> tableById(int id) {
        for (Map<String, TableDef> m : tables.values()) {
            for (TableDef t : m.values()) {
                if (t.id() == id) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    public long rowCount(int tableId) {
        AtomicLong c = rowCounts.get(tableId);
        return c == null ? 0 : c.get();
    }

    /**
     * REQUIRES: {@link #writeLock()} held. Adds the new row count of {@code tableId} (current plus
     * {@code delta}) to {@code batch}; call {@link #applyRowCount} once the batch is written.
     */
    public long stageRowCount(WriteBatch batch, int tableId, long delta) {
        long n = Math.max(0, rowCount(tableId) + delta);
        batch.put(CatalogCodec.rowCountKey(tableId), new ByteWriter(8).writeBigEndian(n, 8).toByteArray());
        return n;
    }

    /** REQUIRES: {@link #writeLock()} held and the batch from {@link #stageRowCount} written. */
    public void applyRowCount(int tableId, long count) {
        rowCounts.computeIfAbsent(tableId, k -> new AtomicLong()).set(count);
    }

    /**
     * Creates a table from {@code spec} (its id is ignored and a fresh one assigned).
     * Returns false if it exists and {@code ifNotExists}; throws if it exists otherwise.
     */
    public boolean createTable(TableDef spec, boolean ifNotExists) {
        writeLock.lock();
        try {
            if (!hasSchema(spec.schema())) {
                throw new IllegalArgumentException("schema " + spec.schema() + " does not exist");
            }
            if (table(spec.schema(), spec.name()).isPresent()) {
                if (ifNotExists) {
                    return false;
                }
                throw new IllegalArgumentException("table " + spec.qualifiedName() + " already exists");
            }
            int id = nextTableId;
            TableDef t = new TableDef(spec.schema(), spec.name(), id, spec.columns(), spec.primaryKey());
            WriteBatch b = new WriteBatch()
                    .put(CatalogCodec.tableKey(t.schema(), t.name()), CatalogCodec.encodeTable(t))
                    .put(CatalogCodec.nextIdKey(), new ByteWriter(4).writeBigEndian(id + 1, 4).toByteArray())
                    .put(CatalogCodec.rowCountKey(id), new byte[8]);
            db.write(b, WriteOptions.sync());
            nextTableId = id + 1;
            rowCounts.put(id, new AtomicLong());
            tables.get(t.schema()).put(t.name(), t);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Drops a table: its definition first (durably; its id is never reused, so the table is gone
     * at once), then its rows in chunks. Returns false if absent and {@code ifExists}.
     */
    public boolean dropTable(String schema, String name, boolean ifExists) {
        writeLock.lock();
        try {
            Optional<TableDef> t = table(schema, name);
            if (t.isEmpty()) {
                if (ifExists) {
                    return false;
                }
                throw new IllegalArgumentException("table " + schema + "." + name + " does not exist");
            }
            int id = t.get().id();
            db.write(new WriteBatch().delete(CatalogCodec.tableKey(schema, name))
                    .delete(CatalogCodec.rowCountKey(id)), WriteOptions.sync());
            tables.get(schema).remove(name);
            rowCounts.remove(id);
            deleteRows(id);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    private void deleteRows(int tableId) {
        byte[] start = TableKeys.tablePrefix(tableId);
        byte[] end = KeyCodec.prefixEnd(start);
        while (true) {
            WriteBatch b = new WriteBatch();
            try (DbIterator it = db.range(start, end)) {
                for (; it.valid() && b.size() < 10_000; it.next()) {
                    b.delete(it.key());
                }
            }
            if (b.isEmpty()) {
                return;
            }
            db.write(b);
        }
    }

    public boolean createSchema(String schema, boolean ifNotExists) {
        writeLock.lock();
        try {
            if (schema.equals(SYS) || hasSchema(schema)) {
                if (ifNotExists && !schema.equals(SYS)) {
                    return false;
                }
                throw new IllegalArgumentException("schema " + schema + " already exists");
            }
            db.write(new WriteBatch().put(CatalogCodec.schemaKey(schema), new byte[] {1}), WriteOptions.sync());
            tables.put(schema, new ConcurrentHashMap<>());
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    public boolean dropSchema(String schema, boolean ifExists) {
        writeLock.lock();
        try {
            if (schema.equals(PUBLIC) || schema.equals(SYS)) {
                throw new IllegalArgumentException("schema " + schema + " cannot be dropped");
            }
            if (!hasSchema(schema)) {
                if (ifExists) {
                    return false;
                }
                throw new IllegalArgumentException("schema " + schema + " does not exist");
            }
            if (!tables(schema).isEmpty()) {
                throw new IllegalArgumentException("schema " + schema + " is not empty: drop its tables first");
            }
            db.write(new WriteBatch().delete(CatalogCodec.schemaKey(schema)), WriteOptions.sync());
            tables.remove(schema);
            return true;
        } finally {
            writeLock.unlock();
        }
    }
}
