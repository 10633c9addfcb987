package io.sediment.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every engine iterator a statement opens is closed by the time its result is closed — also for
 * scans the generated code reads only partly (EXISTS, IN and scalar sub-queries, LIMIT, joins)
 * and for statements that fail half-way (which fail with an SQLException, as JDBC promises from
 * {@code ResultSet.next()}). Checked with {@code SYS.METRICS.open_iterators}, which
 * counts the engine's open range iterators.
 */
class ScanReleaseTest {
    @TempDir
    static Path dir;
    static Sql sql;

    @BeforeAll
    static void load() throws Exception {
        sql = Sql.open(dir);
        sql.execute("CREATE TABLE a (k INTEGER PRIMARY KEY, v VARCHAR(10))");
        sql.execute("CREATE TABLE b (k INTEGER PRIMARY KEY, a_k INTEGER)");
        try (PreparedStatement pa = sql.connection.prepareStatement("INSERT INTO a VALUES (?, ?)");
                PreparedStatement pb = sql.connection.prepareStatement("INSERT INTO b VALUES (?, ?)")) {
            for (int k = 0; k < 500; k++) {
                pa.setInt(1, k);
                pa.setString(2, k % 7 == 0 ? "x" + k : String.valueOf(k));
                pa.addBatch();
                pb.setInt(1, k);
                pb.setInt(2, k % 50);
                pb.addBatch();
            }
            pa.executeBatch();
            pb.executeBatch();
        }
        sql.execute("CALL SYS.FLUSH()");
    }

    @AfterAll
    static void close() throws Exception {
        sql.close();
    }

    @Test
    void partlyReadScansAreClosedWithTheirStatement() throws Exception {
        List<String> queries = List.of(
                "SELECT k FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a_k = a.k)",
                "SELECT k FROM a WHERE k IN (SELECT a_k FROM b WHERE k > 10)",
                "SELECT k, (SELECT MAX(k) FROM b WHERE b.a_k = a.k) FROM a WHERE k < 60",
                "SELECT * FROM a WHERE k > 5 LIMIT 3",
                "SELECT a.k, b.k FROM a JOIN b ON a.k = b.a_k WHERE a.k < 20",
                "SELECT COUNT(*) FROM a, b WHERE a.k = b.k + 1",
                "SELECT k FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k + 1000)");
        for (String q : queries) {
            try (Statement s = sql.connection.createStatement(); ResultSet rs = s.executeQuery(q)) {
                rs.next(); // read one row at most, then close
            }
            assertEquals(0, openIterators(), "iterators left open by " + q);
        }
    }

    @Test
    void failedStatementsCloseTheirScans() throws Exception {
        for (String q : List.of("SELECT CAST(v AS INTEGER) FROM a", "SELECT k FROM a WHERE CAST(v AS INTEGER) > 3",
                "SELECT a.k FROM a JOIN b ON a.k = b.a_k WHERE CAST(a.v AS INTEGER) > 0")) {
            try (Statement s = sql.connection.createStatement()) {
                assertThrows(SQLException.class, () -> {
                    try (ResultSet rs = s.executeQuery(q)) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                });
            }
            assertEquals(0, openIterators(), "iterators left open by the failed " + q);
        }
    }

    /** A client that calls next() again after the result failed gets an error, and no scan or snapshot starts. */
    @Test
    void readingOnAfterAFailureStartsNothing() throws Exception {
        for (String q : List.of("SELECT k, CAST(CASE WHEN k > 300 THEN 'x' ELSE '1' END AS INTEGER) FROM a",
                "SELECT a.k, b.a_k FROM a JOIN b ON b.k = a.k WHERE CAST(CASE WHEN a.k > 300 THEN a.v ELSE '1' END"
                        + " AS INTEGER) > 0")) {
            readOnAfterAFailure(q);
        }
    }

    private static void readOnAfterAFailure(String q) throws Exception {
        try (Statement s = sql.connection.createStatement(); ResultSet rs = s.executeQuery(q)) {
            assertThrows(SQLException.class, () -> {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }, q);
            for (int i = 0; i < 3; i++) {
                try {
                    rs.next();
                } catch (SQLException expected) {
                    // either answer is fine; what matters is that nothing is left open
                }
            }
            assertEquals(0, openIterators(), "iterators left open by " + q);
            assertEquals(List.of("0"), sql.rows("SELECT COUNT(*) FROM SYS.SNAPSHOTS"), "snapshots left open by " + q);
        }
    }

    private static int openIterators() throws SQLException {
        return (int) Double.parseDouble(sql.rows(
                "SELECT \"VALUE\" FROM SYS.METRICS WHERE NAME = 'open_iterators'").get(0));
    }
}
