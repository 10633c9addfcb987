package io.sediment.calcite.system;

import io.sediment.calcite.catalog.Catalog;
import io.sediment.calcite.catalog.ColumnDef;
import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.encoding.TableKeys;
import io.sediment.calcite.schema.Session;
import io.sediment.engine.Metrics;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.calcite.sql.type.SqlTypeName.BIGINT;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.DOUBLE;
import static org.apache.calcite.sql.type.SqlTypeName.INTEGER;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARBINARY;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

/**
 * The system tables of {@code SYS}: the engine's shape and work (SSTABLES, LEVELS, COMPACTIONS,
 * METRICS, SNAPSHOTS, OPTIONS) and the catalog (TABLES, COLUMNS, PRIMARY_KEYS, INDEXES), the
 * latter shaped like JDBC's metadata results so a server can answer getPrimaryKeys/getIndexInfo
 * with SQL over them.
 */
final class SysTables {
    private SysTables() {
    }

    static Map<String, Table> all(Session s) {
        Map<String, Table> m = new LinkedHashMap<>();
        m.put("SSTABLES", SystemTable.builder()
                .column("LEVEL", INTEGER).column("FILE_NUMBER", BIGINT).column("FILE", VARCHAR)
                .column("SIZE_BYTES", BIGINT).column("ENTRIES", BIGINT)
                .column("SMALLEST_KEY", VARBINARY).column("LARGEST_KEY", VARBINARY)
                .column("SMALLEST_KEY_TEXT", VARCHAR).column("LARGEST_KEY_TEXT", VARCHAR)
                .column("SMALLEST_SEQUENCE", BIGINT).column("LARGEST_SEQUENCE", BIGINT)
                .rows(s, SysTables::sstables));
        m.put("LEVELS", SystemTable.builder()
                .column("LEVEL", INTEGER).column("FILES", INTEGER).column("SIZE_BYTES", BIGINT)
                .column("TARGET_BYTES", BIGINT)
                .rows(s, x -> metrics(x).levels().stream()
                        .map(l -> new Object[] {l.level(), l.files(), l.bytes(), l.targetBytes()}).toList()));
        m.put("COMPACTIONS", SystemTable.builder()
                .column("START_TIME", TIMESTAMP).column("END_TIME", TIMESTAMP).column("DURATION_MS", BIGINT)
                .column("KIND", VARCHAR).column("INPUT_LEVEL", INTEGER).column("OUTPUT_LEVEL", INTEGER)
                .column("INPUT_FILES", INTEGER).column("OUTPUT_FILES", INTEGER).column("BYTES_READ", BIGINT)
                .column("BYTES_WRITTEN", BIGINT).column("ENTRIES_DROPPED", BIGINT).column("REASON", VARCHAR)
                .column("STYLE", VARCHAR)
                .rows(s, x -> metrics(x).recentCompactions().stream().map(c -> new Object[] {
                    c.startMillis(), c.endMillis(), c.endMillis() - c.startMillis(),
                    c.inputLevel() < 0 ? "FLUSH" : "COMPACTION", c.inputLevel(), c.outputLevel(), c.inputFiles(),
                    c.outputFiles(), c.bytesRead(), c.bytesWritten(), c.entriesDropped(), c.reason(), c.style()})
                        .toList()));
        m.put("METRICS", SystemTable.builder()
                .column("NAME", VARCHAR).column("VALUE", DOUBLE)
                .rows(s, SysTables::metricRows));
        m.put("SNAPSHOTS", SystemTable.builder()
                .column("ID", BIGINT).column("SEQUENCE", BIGINT).column("CREATED", TIMESTAMP)
                .rows(s, x -> metrics(x).snapshots().stream()
                        .map(n -> new Object[] {n.id(), n.sequence(), n.createdMillis()}).toList()));
        m.put("OPTIONS", SystemTable.builder()
                .column("NAME", VARCHAR).column("VALUE", VARCHAR)
                .rows(s, SysTables::optionRows));
        m.put("TABLES", SystemTable.builder()
                .column("TABLE_SCHEMA", VARCHAR).column("TABLE_NAME", VARCHAR).column("TABLE_ID", INTEGER)
                .column("COLUMN_COUNT", INTEGER).column("ROW_COUNT", BIGINT)
                .rows(s, x -> catalog(x).allTables().stream().map(t -> new Object[] {
                    t.schema(), t.name(), t.id(), t.columns().size(), catalog(x).rowCount(t.id())}).toList()));
        m.put("COLUMNS", SystemTable.builder()
                .column("TABLE_SCHEMA", VARCHAR).column("TABLE_NAME", VARCHAR).column("COLUMN_NAME", VARCHAR)
                .column("ORDINAL_POSITION", INTEGER).column("DATA_TYPE", VARCHAR).column("JDBC_TYPE", INTEGER)
                .nullableColumn("COLUMN_SIZE", INTEGER).nullableColumn("DECIMAL_DIGITS", INTEGER)
                .column("IS_NULLABLE", BOOLEAN).nullableColumn("KEY_SEQ", INTEGER)
                .rows(s, SysTables::columnRows));
        m.put("PRIMARY_KEYS", SystemTable.builder()
                .column("TABLE_SCHEMA", VARCHAR).column("TABLE_NAME", VARCHAR).column("COLUMN_NAME", VARCHAR)
                .column("KEY_SEQ", INTEGER).column("PK_NAME", VARCHAR)
                .rows(s, x -> keyRows(x, false)));
        m.put("INDEXES", SystemTable.builder()
                .column("TABLE_SCHEMA", VARCHAR).column("TABLE_NAME", VARCHAR).column("INDEX_NAME", VARCHAR)
                .column("NON_UNIQUE", BOOLEAN).column("ORDINAL_POSITION", INTEGER).column("COLUMN_NAME", VARCHAR)
                .column("ASC_OR_DESC", VARCHAR).column("IS_PRIMARY_KEY", BOOLEAN)
                .rows(s, x -> keyRows(x, true)));
        return m;
    }

    private static Metrics metrics(Session s) {
        return s.database().db().metrics();
    }

    private static Catalog catalog(Session s) {
        return s.database().catalog();
    }

    private static List<Object[]> sstables(Session s) {
        Catalog catalog = catalog(s);
        List<Object[]> out = new ArrayList<>();
        for (Metrics.TableInfo t : metrics(s).tables()) {
            out.add(new Object[] {t.level(), t.number(), t.file(), t.size(), t.entries(),
                new ByteString(t.smallestKey()), new ByteString(t.largestKey()),
                keyText(catalog, t.smallestKey()), keyText(catalog, t.largestKey()),
                t.smallestSequence(), t.largestSequence()});
        }
        return out;
    }

    /** A user key as {@code PUBLIC.T (5)}, {@code catalog} for catalog entries, or hex. */
    static String keyText(Catalog catalog, byte[] key) {
        int id = TableKeys.tableIdOf(key);
        if (id == 0) {
            return "catalog";
        }
        Optional<TableDef> t = id < 0 ? Optional.empty() : catalog.tableById(id);
        if (t.isPresent()) {
            try {
                return t.get().qualifiedName() + " " + TableKeys.describe(t.get(), key);
            } catch (RuntimeException e) {
                // fall through to hex
            }
        }
        return "table#" + id + " X'" + new ByteString(key) + "'";
    }

    private static List<Object[]> metricRows(Session s) {
        Metrics m = metrics(s);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("write_amplification", m.writeAmplification());
        v.put("read_amplification", m.readAmplification());
        v.put("space_amplification", m.spaceAmplification());
        v.put("blocks_read_per_get", m.blocksReadPerGet());
        v.put("block_cache_hit_rate", m.blockCacheHitRate());
        v.put("block_cache_hits", (double) m.blockCacheHits());
        v.put("block_cache_misses", (double) m.blockCacheMisses());
        v.put("table_cache_hit_rate", m.tableCacheHitRate());
        v.put("table_cache_hits", (double) m.tableCacheHits());
        v.put("table_cache_misses", (double) m.tableCacheMisses());
        v.put("compaction_bytes_per_second", m.compactionBytesPerSecond());
        v.put("compaction_bytes_read", (double) m.compactionBytesRead());
        v.put("compaction_bytes_written", (double) m.compactionBytesWritten());
        v.put("compaction_count", (double) m.compactionCount());
        v.put("pending_compaction_bytes", (double) m.pendingCompactionBytes());
        v.put("running_compactions", (double) m.runningCompactions());
        v.put("flush_count", (double) m.flushCount());
        v.put("flush_bytes_written", (double) m.flushBytesWritten());
        v.put("user_bytes_written", (double) m.userBytesWritten());
        v.put("wal_bytes_written", (double) m.walBytesWritten());
        v.put("gets", (double) m.gets());
        v.put("stall_count", (double) m.stallCount());
        v.put("stall_millis", (double) m.stallMillis());
        v.put("memtable_bytes", (double) m.memtableBytes());
        v.put("immutable_memtables", (double) m.immutableMemtables());
        v.put("last_sequence", (double) m.lastSequence());
        v.put("live_sstables", (double) m.tables().size());
        v.put("open_snapshots", (double) m.snapshots().size());
        v.put("open_iterators", (double) m.openIterators());
        List<Object[]> out = new ArrayList<>();
        v.forEach((k, x) -> out.add(new Object[] {k, x}));
        return out;
    }

    private static List<Object[]> optionRows(Session s) {
        Metrics m = metrics(s);
        Map<String, String> v = new LinkedHashMap<>(m.options());
        v.put("compactionStyle", m.compactionStyle());
        v.put("sql.sync", Boolean.toString(s.sync()));
        v.put("sql.directory", s.database().directory().toString());
        List<Object[]> out = new ArrayList<>();
        v.forEach((k, x) -> out.add(new Object[] {k, x}));
        return out;
    }

    private static List<Object[]> columnRows(Session s) {
        List<Object[]> out = new ArrayList<>();
        for (TableDef t : catalog(s).allTables()) {
            for (int i = 0; i < t.columns().size(); i++) {
                ColumnDef c = t.columns().get(i);
                ColumnType ty = c.type();
                Integer size = ty.precision() == ColumnType.UNSPECIFIED ? null : ty.precision();
                Integer digits = ty.kind() == ColumnType.Kind.DECIMAL ? Integer.valueOf(Math.max(0, ty.scale())) : null;
                Integer keySeq = null;
                int[] pk = t.primaryKey();
                for (int k = 0; k < pk.length; k++) {
                    if (pk[k] == i) {
                        keySeq = k + 1;
                    }
                }
                out.add(new Object[] {t.schema(), t.name(), c.name(), i + 1, ty.sql(),
                    ty.kind().sqlType().getJdbcOrdinal(), size, digits, c.nullable(), keySeq});
            }
        }
        return out;
    }

    private static List<Object[]> keyRows(Session s, boolean index) {
        List<Object[]> out = new ArrayList<>();
        for (TableDef t : catalog(s).allTables()) {
            int[] pk = t.primaryKey();
            for (int k = 0; k < pk.length; k++) {
                String col = t.columns().get(pk[k]).name();
                String name = "PK_" + t.name();
                out.add(index ? new Object[] {t.schema(), t.name(), name, false, k + 1, col, "A", true}
                        : new Object[] {t.schema(), t.name(), col, k + 1, name});
            }
        }
        return out;
    }
}
