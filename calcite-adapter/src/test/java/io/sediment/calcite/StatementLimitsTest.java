package io.sediment.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements that would cost Calcite far more than their size, or that would create something
 * no query can name, are refused at once with a message that says what is wrong: an empty
 * statement, nesting too deep for the parser, a binary literal over 4 KB, a select list over
 * 1,664 items, a table or schema named by a reserved word. The limits leave ordinary statements
 * alone, and the database stays usable.
 */
class StatementLimitsTest {
    @TempDir
    static Path dir;
    static Sql sql;

    @BeforeAll
    static void open() throws Exception {
        sql = Sql.open(dir);
        sql.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, b VARBINARY(8000), s VARCHAR(20000))");
    }

    @AfterAll
    static void close() throws Exception {
        sql.close();
    }

    private static void refused(String statement, String message) {
        long started = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> sql.execute(statement));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(millis < 10_000, "refused after " + millis + " ms");
    }

    @Test
    void emptyStatement() {
        refused("", "empty statement");
        refused("   \n ", "empty statement");
    }

    @Test
    void nestingTooDeep() {
        refused("SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " FROM t", "nested too deeply");
    }

    @Test
    void largeBinaryLiteralsAreRefusedBeforeParsing() throws Exception {
        refused("SELECT X'" + "cd".repeat(512 << 10) + "' FROM t", "binary literal of 524288 bytes");
        refused("UPSERT INTO t (k, b) VALUES (1, x'" + "00".repeat(4_097) + "')", "limit of 4096 bytes");
        refused("SELECT X'" + "ab".repeat(2_000) + "'\n'" + "cd".repeat(2_000) + "'\n'" + "ef".repeat(2_000)
                + "' FROM t", "binary literal of 6000 bytes"); // parts joined into one literal
        // A large continuation part costs the parser as much as a large first part.
        refused("SELECT X'' /* parts may be apart */ '" + "cd".repeat(512 << 10) + "' FROM t",
                "binary literal of 524288 bytes");
        sql.execute("UPSERT INTO t (k, b) VALUES (2, X'" + "ab".repeat(4_096) + "')");
        // Not binary literals: a string holding X'…', a column named x, a comment.
        sql.execute("UPSERT INTO t (k, s) VALUES (3, 'X''" + "cd".repeat(5_000) + "''')");
        sql.execute("SELECT k AS x FROM t WHERE k = 1 -- X'" + "cd".repeat(5_000) + "'");
        try (PreparedStatement ps = sql.connection.prepareStatement("UPSERT INTO t (k, b) VALUES (4, ?)")) {
            ps.setBytes(1, new byte[8_000]);
            ps.executeUpdate();
        }
        assertEquals(List.of("2, 4096", "3, 0", "4, 8000"),
                sql.rows("SELECT k, COALESCE(OCTET_LENGTH(b), 0) FROM t WHERE k >= 2"));
    }

    @Test
    void wideSelectList() throws Exception {
        refused("SELECT " + "k, ".repeat(2_000) + "k FROM t", "select list of 2001 items");
        try (ResultSet rs = sql.connection.createStatement().executeQuery(
                "SELECT " + "k, ".repeat(1_000) + "k FROM t WHERE k = 2")) {
            assertTrue(rs.next());
            assertEquals(1_001, rs.getMetaData().getColumnCount());
        }
    }

    @Test
    void reservedWordsAsTableOrSchemaNames() throws Exception {
        refused("CREATE TABLE ref (k INTEGER PRIMARY KEY)", "REF is a reserved word");
        refused("CREATE SCHEMA select", "SELECT is a reserved word");
        sql.execute("CREATE TABLE \"REF\" (k INTEGER PRIMARY KEY)");
        sql.execute("INSERT INTO \"REF\" VALUES (1)");
        assertEquals(List.of("1"), sql.rows("SELECT COUNT(*) FROM \"REF\""));
    }
}
