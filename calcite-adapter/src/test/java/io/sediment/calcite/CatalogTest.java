package io.sediment.calcite;

import io.sediment.calcite.catalog.DatabaseRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DDL, the durable catalog, the URL handling and sharing one database among connections. */
class CatalogTest {
    @TempDir
    Path dir;

    @Test
    void catalogAndRowsSurviveReopen() throws Exception {
        try (Sql sql = Sql.open(dir)) {
            sql.execute("CREATE TABLE kinds (b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, r REAL, "
                    + "d DOUBLE, dec DECIMAL(12, 4), ch CHAR(3), vc VARCHAR(20), vb VARBINARY(8), dt DATE, tm TIME, "
                    + "ts TIMESTAMP(3), PRIMARY KEY (i, vc))");
            sql.update("INSERT INTO kinds VALUES (TRUE, -1, -300, 7, -5000000000, 1.5, -2.25, 123.4567, 'abc', "
                    + "'hello', X'00ff', DATE '2024-02-29', TIME '13:14:15', TIMESTAMP '2024-02-29 13:14:15.123')");
            sql.update("INSERT INTO kinds (i, vc) VALUES (8, 'nulls')");
            sql.execute("CREATE SCHEMA app");
            sql.execute("CREATE TABLE app.items (id BIGINT PRIMARY KEY, name VARCHAR(10))");
            sql.update("INSERT INTO app.items VALUES (1, 'x')");
        }
        assertEquals(0, DatabaseRegistry.references(dir));
        try (Sql sql = Sql.open(dir)) {
            assertEquals(List.of("true, -1, -300, 7, -5000000000, 1.5, -2.25, 123.4567, abc, hello, 00ff, 2024-02-29, "
                    + "13:14:15, 2024-02-29 13:14:15.123",
                    "null, null, null, 8, null, null, null, null, null, nulls, null, null, null, null"),
                    sql.rows("SELECT * FROM kinds"));
            assertEquals(List.of("1, x"), sql.rows("SELECT * FROM app.items"));
            assertEquals(List.of("7"), sql.rows("SELECT i FROM kinds WHERE i = 7 AND vc = 'hello'"));
            assertEquals(List.of("APP, ITEMS", "PUBLIC, KINDS"), sql.rows("SELECT TABLE_SCHEMA, TABLE_NAME FROM SYS.TABLES"));
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = sql.connection.getMetaData().getTables(null, "PUBLIC", "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("KINDS"), tables);
        }
    }

    @Test
    void dropTableAndSchema() throws Exception {
        try (Sql sql = Sql.open(dir)) {
            sql.execute("CREATE TABLE t (k INT PRIMARY KEY)");
            sql.update("INSERT INTO t VALUES (1), (2)");
            sql.execute("DROP TABLE t");
            assertThrows(SQLException.class, () -> sql.rows("SELECT * FROM t"));
            sql.execute("CREATE TABLE t (k INT PRIMARY KEY)");
            assertEquals(List.of(), sql.rows("SELECT * FROM t"));
            sql.execute("DROP TABLE IF EXISTS nope");
            sql.execute("CREATE TABLE IF NOT EXISTS t (k INT PRIMARY KEY)");
            sql.execute("CREATE SCHEMA s");
            sql.execute("CREATE TABLE s.x (k INT PRIMARY KEY)");
            SQLException e = assertThrows(SQLException.class, () -> sql.execute("DROP SCHEMA s"));
            assertTrue(e.getMessage().contains("not empty"), e.getMessage());
            sql.execute("DROP TABLE s.x");
            sql.execute("DROP SCHEMA s");
            assertEquals(List.of("PUBLIC, T"), sql.rows("SELECT TABLE_SCHEMA, TABLE_NAME FROM SYS.TABLES"));
        }
    }

    @Test
    void badDdlIsRefusedWithAClearMessage() throws Exception {
        try (Sql sql = Sql.open(dir)) {
            sql.execute("CREATE TABLE t (k INT PRIMARY KEY)");
            String[][] cases = {
                {"CREATE TABLE nokey (a INT)", "needs a PRIMARY KEY"},
                {"CREATE TABLE t (k INT PRIMARY KEY)", "already exists"},
                {"CREATE TABLE u (a INT, PRIMARY KEY (b))", "not a column"},
                {"CREATE TABLE u (a BLOB PRIMARY KEY)", "unsupported column type BLOB"},
                {"CREATE TABLE u (a INT PRIMARY KEY, a INT)", "declared twice"},
                {"CREATE FUNCTION f AS 'com.example.F'", "does not load Java classes"},
                {"CREATE TYPE mytype AS VARCHAR(10)", "does not load Java classes"},
                {"CREATE FOREIGN SCHEMA x TYPE 'jdbc'", "does not load Java classes"},
                {"CREATE VIEW v AS SELECT 1", "CREATE VIEW is not supported"},
                {"ALTER TABLE t ADD COLUMN x INT", "ALTER statements are not supported"},
                {"CREATE TABLE sys.x (k INT PRIMARY KEY)", "read-only"},
                {"DROP TABLE missing", "does not exist"},
                {"DROP SCHEMA PUBLIC", "cannot be dropped"},
            };
            for (String[] c : cases) {
                SQLException e = assertThrows(SQLException.class, () -> sql.execute(c[0]), c[0]);
                assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            }
            assertEquals(List.of("PUBLIC, T"), sql.rows("SELECT TABLE_SCHEMA, TABLE_NAME FROM SYS.TABLES"));
        }
    }

    @Test
    void urlsAndProperties() throws Exception {
        java.sql.Driver d = DriverManager.getDriver("jdbc:sediment:" + dir);
        assertTrue(d.acceptsURL("jdbc:sediment:" + dir));
        assertFalse(d.acceptsURL("jdbc:sediment:remote:url=http://localhost:8765"));
        assertNull(d.connect("jdbc:sediment:remote:url=http://localhost:8765", new Properties()));
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sediment:"));
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sediment:" + dir + ";sync=maybe"));
        try (Connection c = DriverManager.getConnection("jdbc:sediment:" + dir + ";sync=true");
             Sql sql = new Sql(c)) {
            assertEquals(List.of("true"), sql.rows("SELECT \"VALUE\" FROM SYS.OPTIONS WHERE NAME = 'sql.sync'"));
        }
        Properties p = new Properties();
        p.setProperty("model", "inline:{}");
        p.setProperty("user", "someone");
        try (Connection c = DriverManager.getConnection("jdbc:sediment:" + dir, p); Sql sql = new Sql(c)) {
            assertEquals(List.of("1"), sql.rows("SELECT 1 FROM (VALUES (0))"));
        }
    }

    @Test
    void connectionsShareOneDatabaseAndTheLastCloseClosesIt() throws Exception {
        Sql a = Sql.open(dir);
        Sql b = Sql.open(dir);
        assertEquals(2, DatabaseRegistry.references(dir));
        a.execute("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        b.update("INSERT INTO t VALUES (1, 10)");
        assertEquals(List.of("1, 10"), a.rows("SELECT * FROM t"));
        a.close();
        assertEquals(List.of("1, 10"), b.rows("SELECT * FROM t"));
        b.close();
        assertEquals(0, DatabaseRegistry.references(dir));
    }
}
