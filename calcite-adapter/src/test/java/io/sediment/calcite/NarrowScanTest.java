package io.sediment.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries over scans that decode only some columns: aggregates and DISTINCT on non-key columns,
 * select lists with no column or part of a composite key, sorts on projected columns. Each once
 * went wrong because table-level key positions were read against the narrowed row type (found by
 * the hostile-SQL fuzz; see jdbc-driver's reliability tests).
 */
class NarrowScanTest {
    @TempDir
    Path tmp;
    Sql sql;

    @BeforeEach
    void open() throws Exception {
        sql = Sql.open(tmp.resolve("db"));
        sql.execute("CREATE TABLE g (id BIGINT PRIMARY KEY, client INTEGER NOT NULL, ver BIGINT NOT NULL)");
        sql.update("INSERT INTO g VALUES (1, 7, 10), (2, 7, 20), (3, 8, 30)");
        sql.execute("CREATE TABLE p (k1 BIGINT, k2 VARCHAR(10), v BOOLEAN, PRIMARY KEY (k1, k2))");
        sql.update("INSERT INTO p VALUES (1, 'a', TRUE), (1, 'b', FALSE), (2, 'a', NULL)");
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void groupByAndDistinctOnNonKeyColumns() throws Exception {
        assertEquals(List.of("7, 2, 30", "8, 1, 30"),
                sql.rows("SELECT client, COUNT(*), SUM(ver) FROM g GROUP BY client ORDER BY client"));
        assertEquals(List.of("2"), sql.rows("SELECT COUNT(*) FROM (SELECT DISTINCT client FROM g)"));
        assertEquals(List.of("1, 2"), sql.rows("SELECT k1, COUNT(*) FROM p WHERE k1 = 1 GROUP BY k1"));
    }

    @Test
    void selectListsWithFewOrNoColumns() throws Exception {
        assertEquals(List.of("1", "1", "1"), sql.rows("SELECT 1 FROM g"));
        assertEquals(List.of("1", "1"), sql.rows("SELECT 1 FROM g WHERE id IN (1, 2)"));
        assertEquals(List.of("1, x", "1, x", "2, x"), sql.rows("SELECT k1, 'x' FROM p"));
    }

    @Test
    void sortOnAProjectedNonKeyColumnIsNotSkipped() throws Exception {
        assertEquals(List.of("30, 3", "20, 2", "10, 1"), sql.rows("SELECT ver, id FROM g ORDER BY ver DESC"));
        assertEquals(List.of("8", "7", "7"), sql.rows("SELECT client FROM g ORDER BY client DESC"));
    }
}
