package io.sediment.calcite;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INSERT, UPSERT, UPDATE, DELETE, INSERT ... SELECT: results, atomicity and errors that change nothing. */
class DmlTest {
    @TempDir
    Path dir;
    Sql sql;

    @BeforeEach
    void open() throws Exception {
        sql = Sql.open(dir);
        sql.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v VARCHAR(10) NOT NULL, n DECIMAL(8, 2))");
        assertEquals(3, sql.update("INSERT INTO t VALUES (1, 'a', 1.50), (2, 'b', NULL), (3, 'c', -2.25)"));
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    private List<String> all() throws SQLException {
        return sql.rows("SELECT * FROM t");
    }

    private String message(String statement) {
        return assertThrows(SQLException.class, () -> sql.update(statement)).getMessage();
    }

    @Test
    void insertDuplicateKeyNamesTableAndKeyAndWritesNothing() throws Exception {
        List<String> before = all();
        String m = message("INSERT INTO t VALUES (4, 'd', NULL), (2, 'x', NULL)");
        assertTrue(m.contains("duplicate primary key (2) in table PUBLIC.T"), m);
        assertEquals(before, all());
        m = message("INSERT INTO t VALUES (5, 'e', NULL), (5, 'f', NULL)");
        assertTrue(m.contains("duplicate primary key (5)"), m);
        assertEquals(before, all());
        assertEquals(List.of("3"), sql.rows("SELECT ROW_COUNT FROM SYS.TABLES WHERE TABLE_NAME = 'T'"));
    }

    @Test
    void updateWithAValueItsColumnCannotTakeSaysWhichAndWritesNothing() throws Exception {
        sql.execute("CREATE TABLE w (k INTEGER PRIMARY KEY, d DOUBLE, b VARBINARY(8), s VARCHAR(5))");
        sql.update("INSERT INTO w VALUES (1, 1.5, X'01', 'x')");
        String m = message("UPDATE w SET d = b WHERE k = 1");
        assertTrue(m.contains("column D of type DOUBLE cannot be set to B of type VARBINARY(8)"), m);
        m = message("UPDATE w SET s = 'y', d = b");
        assertTrue(m.contains("column D of type DOUBLE"), m);
        assertEquals(List.of("1, 1.5, 01, x"), sql.rows("SELECT * FROM w"));
    }

    @Test
    void upsertInsertsOrReplaces() throws Exception {
        assertEquals(2, sql.update("UPSERT INTO t VALUES (2, 'bb', 9.99), (7, 'g', NULL)"));
        assertEquals(List.of("1, a, 1.50", "2, bb, 9.99", "3, c, -2.25", "7, g, null"), all());
        assertEquals(List.of("4"), sql.rows("SELECT ROW_COUNT FROM SYS.TABLES WHERE TABLE_NAME = 'T'"));
    }

    @Test
    void updateAndDelete() throws Exception {
        assertEquals(2, sql.update("UPDATE t SET v = 'z', n = n * 2 WHERE k >= 2"));
        assertEquals(List.of("1, a, 1.50", "2, z, null", "3, z, -4.50"), all());
        assertEquals(1, sql.update("DELETE FROM t WHERE k = 1"));
        assertEquals(0, sql.update("DELETE FROM t WHERE k = 100"));
        assertEquals(List.of("2, z, null", "3, z, -4.50"), all());
        assertEquals(List.of("2"), sql.rows("SELECT ROW_COUNT FROM SYS.TABLES WHERE TABLE_NAME = 'T'"));
    }

    @Test
    void updateOfTheKeyMovesRowsAndChecksDuplicates() throws Exception {
        assertEquals(3, sql.update("UPDATE t SET k = k + 1"));
        assertEquals(List.of("2, a, 1.50", "3, b, null", "4, c, -2.25"), all());
        List<String> before = all();
        String m = message("UPDATE t SET k = 4 WHERE k = 2");
        assertTrue(m.contains("duplicate primary key (4)"), m);
        assertEquals(before, all());
    }

    @Test
    void insertSelectCopiesRows() throws Exception {
        sql.execute("CREATE TABLE u (k INTEGER PRIMARY KEY, v VARCHAR(10))");
        assertEquals(2, sql.update("INSERT INTO u SELECT k * 10, v FROM t WHERE k > 1"));
        assertEquals(List.of("20, b", "30, c"), sql.rows("SELECT * FROM u"));
        assertEquals(2, sql.update("INSERT INTO t SELECT k + 100, v, n FROM t WHERE k < 3"));
        assertEquals(5, sql.rows("SELECT * FROM t").size());
    }

    @Test
    void errorsLeaveTheDatabaseUsableAndUnchanged() throws Exception {
        List<String> before = all();
        String[] bad = {
            "INSERT INTO nope VALUES (1)",
            "INSERT INTO t (k, v, nope) VALUES (1, 'a', 1)",
            "INSERT INTO t VALUES (NULL, 'a', 1)",
            "INSERT INTO t VALUES (9, NULL, 1)",
            "INSERT INTO t VALUES ('abc', 'a', 1)",
            "UPDATE t SET v = NULL WHERE k = 1",
            "SELECT nope FROM t",
            "SELEC * FROM t",
            "MERGE INTO t USING (VALUES (1)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = 'q'",
        };
        for (String b : bad) {
            SQLException e = assertThrows(SQLException.class, () -> sql.execute(b), b);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), b);
            assertEquals(before, all(), b);
        }
        assertTrue(message("INSERT INTO t VALUES (NULL, 'a', 1)").toUpperCase().contains("NULL"));
        assertEquals(1, sql.update("INSERT INTO t VALUES (9, 'ok', 0)"));
    }

    @Test
    void eachStatementReadsOneSnapshotAndReleasesIt() throws Exception {
        sql.update("INSERT INTO t SELECT k + 10, v, n FROM t");
        assertEquals(List.of(), sql.rows("SELECT * FROM SYS.SNAPSHOTS"));
        assertEquals(List.of("6"), sql.rows("SELECT COUNT(*) FROM t a JOIN t b ON a.k = b.k"));
        assertEquals(List.of(), sql.rows("SELECT * FROM SYS.SNAPSHOTS"));
    }
}
