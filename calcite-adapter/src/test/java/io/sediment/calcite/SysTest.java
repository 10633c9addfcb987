package io.sediment.calcite;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The procedures and every system table of SYS. */
class SysTest {
    @TempDir
    Path tmp;
    Sql sql;

    @BeforeEach
    void open() throws Exception {
        sql = Sql.open(tmp.resolve("db"));
        sql.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v VARCHAR(10))");
        sql.update("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void flushThenSstablesShowsTheNewFile() throws Exception {
        assertEquals(List.of(), sql.rows("SELECT * FROM SYS.SSTABLES"));
        List<String> r = sql.rows("CALL SYS.FLUSH()");
        assertEquals(1, r.size());
        assertTrue(r.get(0).startsWith("FLUSH, flushed the memtable"), r.get(0));
        List<String> files = sql.rows("SELECT LEVEL, ENTRIES, SMALLEST_KEY_TEXT, LARGEST_KEY_TEXT FROM SYS.SSTABLES");
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).startsWith("0, "), files.get(0));
        assertTrue(files.get(0).endsWith("catalog, PUBLIC.T (3)"), files.get(0));
        assertEquals(List.of("1"), sql.rows("SELECT FILES FROM SYS.LEVELS WHERE LEVEL = 0"));
        assertEquals(List.of("FLUSH"), sql.rows("SELECT KIND FROM SYS.COMPACTIONS"));
        // the data is still there, now read from the SSTable
        assertEquals(List.of("2, b"), sql.rows("SELECT * FROM t WHERE k = 2"));
        assertEquals(List.of("FLUSH, flushed the memtable: 1 flush(es), live SSTables 1 -> 2").size(),
                sql.rows("SELECT * FROM TABLE(SYS.FLUSH())").size());
    }

    @Test
    void compactMovesFilesDown() throws Exception {
        sql.rows("CALL SYS.FLUSH()");
        sql.update("UPSERT INTO t VALUES (2, 'bb')");
        sql.rows("CALL SYS.FLUSH()");
        List<String> r = sql.rows("CALL SYS.COMPACT(0)");
        assertTrue(r.get(0).startsWith("COMPACT, compacted level 0 into level 1"), r.get(0));
        assertEquals(List.of("0"), sql.rows("SELECT COUNT(*) FROM SYS.SSTABLES WHERE LEVEL = 0"));
        assertTrue(Integer.parseInt(sql.rows("SELECT COUNT(*) FROM SYS.SSTABLES WHERE LEVEL = 1").get(0)) >= 1);
        assertEquals(List.of("1, a", "2, bb", "3, c"), sql.rows("SELECT * FROM t"));
        assertTrue(sql.rows("SELECT KIND FROM SYS.COMPACTIONS").contains("COMPACTION"));
        SQLException e = assertThrows(SQLException.class, () -> sql.rows("CALL SYS.COMPACT(99)"));
        assertTrue(e.getMessage().contains("level must be between 0 and"), e.getMessage());
    }

    @Test
    void checkpointMakesAnOpenableCopy() throws Exception {
        Path target = tmp.resolve("copy");
        List<String> r = sql.rows("CALL SYS.CHECKPOINT('" + target + "')");
        assertEquals(List.of("CHECKPOINT, checkpoint written to " + target), r);
        assertTrue(Files.isDirectory(target));
        try (Sql copy = Sql.open(target)) {
            assertEquals(List.of("1, a", "2, b", "3, c"), copy.rows("SELECT * FROM t"));
        }
        SQLException e = assertThrows(SQLException.class, () -> sql.rows("CALL SYS.CHECKPOINT('" + target + "')"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void setCompactionSwitchesStyle() throws Exception {
        assertEquals(List.of("SET_COMPACTION, compaction style LEVELED -> TIERED"),
                sql.rows("CALL SYS.SET_COMPACTION('tiered')"));
        assertEquals(List.of("TIERED"), sql.rows("SELECT \"VALUE\" FROM SYS.OPTIONS WHERE NAME = 'compactionStyle'"));
        assertEquals(List.of("SET_COMPACTION, compaction style TIERED -> LEVELED"),
                sql.rows("CALL SYS.SET_COMPACTION('LEVELED')"));
        SQLException e = assertThrows(SQLException.class, () -> sql.rows("CALL SYS.SET_COMPACTION('fast')"));
        assertTrue(e.getMessage().contains("'leveled' or 'tiered'"), e.getMessage());
    }

    @Test
    void compactionStyleSetWithSqlSurvivesAReopen() throws Exception {
        sql.rows("CALL SYS.SET_COMPACTION('tiered')");
        sql.close();
        sql = Sql.open(tmp.resolve("db"));
        assertEquals(List.of("TIERED"), sql.rows("SELECT \"VALUE\" FROM SYS.OPTIONS WHERE NAME = 'compactionStyle'"));
        assertEquals(List.of("1, a", "2, b", "3, c"), sql.rows("SELECT * FROM t"));
        sql.rows("CALL SYS.SET_COMPACTION('leveled')");
        sql.close();
        sql = Sql.open(tmp.resolve("db"));
        assertEquals(List.of("LEVELED"), sql.rows("SELECT \"VALUE\" FROM SYS.OPTIONS WHERE NAME = 'compactionStyle'"));
    }

    @Test
    void explainDoesNotRunAProcedure() throws Exception {
        assertTrue(sql.plan("SELECT * FROM TABLE(SYS.FLUSH())").contains("FLUSH"));
        assertEquals(List.of(), sql.rows("SELECT * FROM SYS.SSTABLES"));
    }

    @Test
    void metricsSnapshotsAndOptions() throws Exception {
        List<String> names = sql.rows("SELECT NAME FROM SYS.METRICS");
        for (String n : List.of("write_amplification", "read_amplification", "space_amplification", "stall_count",
                "block_cache_hit_rate", "compaction_bytes_per_second", "pending_compaction_bytes")) {
            assertTrue(names.contains(n), n + " in " + names);
        }
        assertEquals(List.of(), sql.rows("SELECT * FROM SYS.SNAPSHOTS"));
        assertFalse(sql.rows("SELECT NAME, \"VALUE\" FROM SYS.OPTIONS WHERE NAME = 'writeBufferSize'").isEmpty());
        assertEquals(List.of("false"), sql.rows("SELECT \"VALUE\" FROM SYS.OPTIONS WHERE NAME = 'sql.sync'"));
    }

    @Test
    void catalogTables() throws Exception {
        sql.execute("CREATE TABLE c (a INTEGER, b VARCHAR(5), d DECIMAL(10, 3), PRIMARY KEY (b, a))");
        assertEquals(List.of("PUBLIC, C, 3, 0", "PUBLIC, T, 2, 3"),
                sql.rows("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_COUNT, ROW_COUNT FROM SYS.TABLES"));
        assertEquals(List.of("A, 1, INTEGER, false, 2", "B, 2, VARCHAR(5), false, 1", "D, 3, DECIMAL(10, 3), true, null"),
                sql.rows("SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, IS_NULLABLE, KEY_SEQ FROM SYS.COLUMNS "
                        + "WHERE TABLE_NAME = 'C' ORDER BY ORDINAL_POSITION"));
        assertEquals(List.of("B, 1, PK_C", "A, 2, PK_C"),
                sql.rows("SELECT COLUMN_NAME, KEY_SEQ, PK_NAME FROM SYS.PRIMARY_KEYS WHERE TABLE_NAME = 'C' ORDER BY KEY_SEQ"));
        assertEquals(List.of("PK_C, false, 1, B, A", "PK_C, false, 2, A, A"),
                sql.rows("SELECT INDEX_NAME, NON_UNIQUE, ORDINAL_POSITION, COLUMN_NAME, ASC_OR_DESC FROM SYS.INDEXES "
                        + "WHERE TABLE_NAME = 'C' ORDER BY ORDINAL_POSITION"));
    }

    @Test
    void jdbcMetadataListsSysTablesAsSystemTables() throws Exception {
        var md = sql.connection.getMetaData();
        try (var rs = md.getTables(null, "SYS", "SSTABLES", null)) {
            assertTrue(rs.next());
            assertEquals("SYSTEM TABLE", rs.getString("TABLE_TYPE"));
        }
        try (var rs = md.getTables(null, "PUBLIC", "T", null)) {
            assertTrue(rs.next());
            assertEquals("TABLE", rs.getString("TABLE_TYPE"));
        }
    }
}
