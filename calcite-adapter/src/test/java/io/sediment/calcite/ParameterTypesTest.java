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
 * A prepared statement's parameters take values of other Java types where the conversion is
 * lossless ("42" or 42L for an INTEGER, 7 for a VARCHAR, "true" for a BOOLEAN), and anything else
 * fails with an SQLException naming the parameter and its type — not a ClassCastException from
 * generated code — with nothing written.
 */
class ParameterTypesTest {
    @TempDir
    static Path dir;
    static Sql sql;

    @BeforeAll
    static void open() throws Exception {
        sql = Sql.open(dir);
        sql.execute("CREATE TABLE p (k INTEGER PRIMARY KEY, s VARCHAR(10), f BOOLEAN, d DECIMAL(10, 2), x DOUBLE)");
        sql.update("INSERT INTO p VALUES (1, 'one', TRUE, 1.50, 0.5), (2, 'two', FALSE, 2.25, 1.5)");
    }

    @AfterAll
    static void close() throws Exception {
        sql.close();
    }

    private static List<String> query(String statement, Object... params) throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return Sql.rows(rs);
            }
        }
    }

    private static void refused(String message, String statement, Object... params) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (PreparedStatement ps = sql.connection.prepareStatement(statement)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                if (ps.execute()) {
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
            }
        });
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("cannot be cast"), e.getMessage());
    }

    @Test
    void losslessConversionsAreMade() throws Exception {
        assertEquals(List.of("one"), query("SELECT s FROM p WHERE k = ?", "1"));
        assertEquals(List.of("two"), query("SELECT s FROM p WHERE k = ?", 2L));
        assertEquals(List.of("1"), query("SELECT k FROM p WHERE s = ?", "one"));
        assertEquals(List.of("2"), query("SELECT k FROM p WHERE f = ?", "false"));
        assertEquals(List.of("2"), query("SELECT k FROM p WHERE d > ?", 2));
        assertEquals(List.of("1"), query("SELECT k FROM p WHERE x < ?", "1.0"));
        // Non-key columns, which no key range converts on the way: text to a number, a number to text.
        assertEquals(List.of("2"), query("SELECT k FROM p WHERE x + 0 > ?", "1"));
        assertEquals(List.of("1", "2"), query("SELECT k FROM p WHERE s <> ?", 7));
    }

    @Test
    void wrongValuesNameTheParameter() throws Exception {
        refused("parameter 1 is INTEGER and cannot take the String value 'abc'", "SELECT s FROM p WHERE k = ?", "abc");
        refused("parameter 1 is INTEGER", "SELECT s FROM p WHERE k = ?", 1L << 40);
        refused("parameter 1 is INTEGER", "SELECT s FROM p WHERE k = ?", 1.5);
        refused("parameter 2 is BOOLEAN and cannot take the Double value '1.5'",
                "SELECT s FROM p WHERE k = ? OR f = ?", 1, 1.5);
        refused("parameter 1 is INTEGER", "UPSERT INTO p (k, s) VALUES (?, ?)", "ten", "x");
        assertEquals(List.of("1", "2"), query("SELECT k FROM p"), "nothing written");
    }
}
