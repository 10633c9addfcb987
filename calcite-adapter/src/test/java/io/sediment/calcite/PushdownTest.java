package io.sediment.calcite;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every predicate shape: the EXPLAIN plan shows the pushed ranges, and the rows are right. */
class PushdownTest {
    @TempDir
    static Path dir;
    static Sql sql;

    @BeforeAll
    static void load() throws Exception {
        sql = Sql.open(dir);
        sql.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v VARCHAR(20), n DOUBLE)");
        sql.update("INSERT INTO t VALUES (-20, 'm20', -2.5), (-3, 'm3', NULL), (0, NULL, 0.0), (1, 'one', 1.0), "
                + "(5, 'five', NULL), (10, 'ten', 10.0), (15, 'fifteen', 15.5), (20, 'twenty', NULL), (30, 'x', 3.0)");
        sql.execute("CREATE TABLE c (a INTEGER, b VARCHAR(10), c BIGINT, PRIMARY KEY (a, b))");
        sql.update("INSERT INTO c VALUES (-1, 'z', 1), (1, 'a', 2), (1, 'ab', 3), (1, 'b', NULL), (2, 'a', 5), "
                + "(2, 'c', 6), (3, '', 7)");
        sql.execute("CREATE TABLE s (name VARCHAR(20) PRIMARY KEY, x INTEGER)");
        sql.update("INSERT INTO s VALUES ('a', 1), ('ab', 2), ('abc', 3), ('abd', 4), ('b', 5), ('', 6), ('é', 8)");
        try (PreparedStatement ps = sql.connection.prepareStatement("INSERT INTO s VALUES (?, ?)")) {
            ps.setString(1, "a\0x");
            ps.setInt(2, 7);
            ps.executeUpdate();
        }
    }

    @AfterAll
    static void close() throws Exception {
        sql.close();
    }

    private static void check(String query, String planFragment, String... rows) throws Exception {
        String plan = sql.plan(query);
        assertTrue(plan.contains(planFragment), () -> "plan of " + query + " lacks " + planFragment + ":\n" + plan);
        assertEquals(List.of(rows), sql.rows(query), query);
    }

    @Test
    void pointGet() throws Exception {
        check("SELECT * FROM t WHERE k = 5", "ranges=[[5..5]]", "5, five, null");
        check("SELECT * FROM t WHERE k = -3", "ranges=[[-3..-3]]", "-3, m3, null");
        check("SELECT * FROM t WHERE k = 7", "ranges=[[7..7]]");
    }

    @Test
    void rangesOnNegativeNumbers() throws Exception {
        check("SELECT k FROM t WHERE k < 0", "ranges=[(-∞..0)]", "-20", "-3");
        check("SELECT k FROM t WHERE k >= -3 AND k <= 1", "ranges=[[-3..1]]", "-3", "0", "1");
        check("SELECT k FROM t WHERE k > 10 AND k < 30", "ranges=[(10..30)]", "15", "20");
        check("SELECT k FROM t WHERE k BETWEEN -20 AND -3", "ranges=[[-20..-3]]", "-20", "-3");
        check("SELECT k FROM t WHERE 10 <= k", "ranges=[[10..+∞)]", "10", "15", "20", "30");
    }

    @Test
    void inAndOrBecomeSeveralRanges() throws Exception {
        check("SELECT k FROM t WHERE k IN (20, -3, 7, 1)", "ranges=[[-3..-3], [1..1], [7..7], [20..20]]",
                "-3", "1", "20");
        check("SELECT k FROM t WHERE k = 1 OR k > 15", "ranges=[[1..1], (15..+∞)]", "1", "20", "30");
        check("SELECT k FROM t WHERE k < -10 OR k BETWEEN 5 AND 10", "ranges=[(-∞..-10), [5..10]]", "-20", "5", "10");
    }

    @Test
    void residualPredicatesStayAboveTheScan() throws Exception {
        String q = "SELECT k, v FROM t WHERE k > 0 AND v LIKE 't%'";
        check(q, "ranges=[(0..+∞)]", "10, ten", "20, twenty");
        assertTrue(sql.plan(q).contains("LIKE"));
        check("SELECT k FROM t WHERE k > 0 AND n IS NULL", "ranges=[(0..+∞)]", "5", "20");
        check("SELECT k FROM t WHERE k + 1 = 6", "SedimentTableScan", "5");
        assertFalse(sql.plan("SELECT k FROM t WHERE k + 1 = 6").contains("ranges="));
    }

    @Test
    void compositeKeyPrefixes() throws Exception {
        check("SELECT * FROM c WHERE a = 1", "ranges=[[1..1]]", "1, a, 2", "1, ab, 3", "1, b, null");
        check("SELECT * FROM c WHERE a = 1 AND b = 'ab'", "ranges=[[(1, 'ab')..(1, 'ab')]]", "1, ab, 3");
        check("SELECT c FROM c WHERE a = 1 AND b > 'a'", "ranges=[((1, 'a')..1]]", "3", "null");
        check("SELECT a, b FROM c WHERE a IN (1, 2) AND b = 'a'", "ranges=[[(1, 'a')..(1, 'a')], [(2, 'a')..(2, 'a')]]",
                "1, a", "2, a");
        check("SELECT a, b FROM c WHERE a >= 2", "ranges=[[2..+∞)]", "2, a", "2, c", "3, ");
        check("SELECT a, b FROM c WHERE (a = 1 AND b = 'b') OR (a = 2 AND b < 'b')",
                "ranges=[[(1, 'b')..(1, 'b')], [2..(2, 'b'))]", "1, b", "2, a");
        // b alone is not a key prefix: a full scan with the filter above it
        check("SELECT a FROM c WHERE b = 'a'", "SedimentTableScan", "1", "2");
        assertFalse(sql.plan("SELECT a FROM c WHERE b = 'a'").contains("ranges="));
        check("SELECT a, b FROM c WHERE a < 0", "ranges=[(-∞..0)]", "-1, z");
    }

    @Test
    void stringsWithSharedPrefixesAndAnyBytes() throws Exception {
        check("SELECT x FROM s WHERE name = 'ab'", "ranges=[['ab'..'ab']]", "2");
        check("SELECT x FROM s WHERE name > 'a' AND name < 'b'", "ranges=[('a'..'b')]", "7", "2", "3", "4");
        check("SELECT x FROM s WHERE name >= 'ab' AND name <= 'abc'", "ranges=[['ab'..'abc']]", "2", "3");
        check("SELECT x FROM s ORDER BY name", "SedimentTableScan", "6", "1", "7", "2", "3", "4", "5", "8");
        check("SELECT x FROM s WHERE name = ''", "ranges=[[''..'']]", "6");
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT x FROM s WHERE name = ?")) {
            ps.setString(1, "a\0x");
            try (ResultSet rs = ps.executeQuery()) {
                assertEquals(List.of("7"), Sql.rows(rs));
            }
        }
        check("SELECT x FROM s WHERE name > 'b'", "ranges=[('b'..+∞)]", "8");
    }

    @Test
    void orderByKeyNeedsNoSortAndLimitStopsTheScan() throws Exception {
        String q = "SELECT * FROM t ORDER BY k LIMIT 3";
        String plan = sql.plan(q);
        assertFalse(plan.contains("Sort"), plan);
        assertTrue(plan.contains("fetch=[3]"), plan);
        assertEquals(List.of("-20, m20, -2.5", "-3, m3, null", "0, null, 0.0"), sql.rows(q));
        check("SELECT k FROM t WHERE k > 0 ORDER BY k LIMIT 2 OFFSET 1", "offset=[1]", "5", "10");
        assertFalse(sql.plan("SELECT k, v FROM t ORDER BY k").contains("Sort"));
        assertTrue(sql.plan("SELECT k FROM t ORDER BY k DESC").contains("Sort"));
        assertEquals(List.of("30", "20"), sql.rows("SELECT k FROM t ORDER BY k DESC LIMIT 2"));
        assertFalse(sql.plan("SELECT * FROM c ORDER BY a, b").contains("Sort"));
        assertTrue(sql.plan("SELECT * FROM c ORDER BY b").contains("Sort"));
    }

    @Test
    void orderByTheRestOfTheKeyAfterAnEqualityPrefixNeedsNoSort() throws Exception {
        String q = "SELECT b, c FROM c WHERE a = 1 ORDER BY b";
        String plan = sql.plan(q);
        assertFalse(plan.contains("Sort"), plan);
        assertTrue(plan.contains("ranges=[[1..1]]"), plan);
        assertEquals(List.of("a, 2", "ab, 3", "b, null"), sql.rows(q));
        check("SELECT b FROM c WHERE a = 1 ORDER BY b LIMIT 2", "fetch=[2]", "a", "ab");
        String both = sql.plan("SELECT * FROM c WHERE a = 1 ORDER BY a, b");
        assertFalse(both.contains("Sort"), both);
        assertFalse(sql.plan("SELECT * FROM c WHERE a = ? ORDER BY b").contains("Sort"));
        // Several values of the prefix: b is not in order across them, so the sort stays.
        String in = "SELECT a, b FROM c WHERE a IN (1, 2) ORDER BY b";
        assertTrue(sql.plan(in).contains("Sort"), sql.plan(in));
        assertEquals(List.of("1, a", "2, a", "1, ab", "1, b", "2, c"), sql.rows(in));
        String range = "SELECT b FROM c WHERE a >= 1 ORDER BY b";
        assertTrue(sql.plan(range).contains("Sort"), sql.plan(range));
        assertTrue(sql.plan("SELECT b FROM c WHERE a = 1 ORDER BY b DESC").contains("Sort"));
        assertEquals(List.of("b", "ab", "a"), sql.rows("SELECT b FROM c WHERE a = 1 ORDER BY b DESC"));
    }

    @Test
    void onlyNeededColumnsAreDecoded() throws Exception {
        check("SELECT v FROM t WHERE k = 10", "projection=[[V]]", "ten");
    }

    @Test
    void preparedParametersOnTheKey() throws Exception {
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            for (int k : new int[] {1, 5, 7, -20}) {
                ps.setInt(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> rows = Sql.rows(rs);
                    assertEquals(k == 7 ? List.of() : List.of(k == 1 ? "one" : k == 5 ? "five" : "m20"), rows);
                }
            }
        }
        assertTrue(sql.plan("SELECT v FROM t WHERE k = ?").contains("ranges=[[?0..?0]]"));
        try (PreparedStatement ps = sql.connection.prepareStatement(
                "SELECT k FROM t WHERE k >= ? AND k < ? ORDER BY k LIMIT ?")) {
            ps.setInt(1, 0);
            ps.setInt(2, 20);
            ps.setInt(3, 3);
            try (ResultSet rs = ps.executeQuery()) {
                assertEquals(List.of("0", "1", "5"), Sql.rows(rs));
            }
            ps.setLong(1, -100);
            ps.setLong(2, 0);
            ps.setInt(3, 10);
            try (ResultSet rs = ps.executeQuery()) {
                assertEquals(List.of("-20", "-3"), Sql.rows(rs));
            }
        }
    }

    @Test
    void joinsAndAggregatesOverScans() throws Exception {
        assertEquals(List.of("9, 30, -20"), sql.rows("SELECT COUNT(*), MAX(k), MIN(k) FROM t"));
        assertEquals(List.of("1, one, 2"),
                sql.rows("SELECT t.k, t.v, c.c FROM t JOIN c ON t.k = c.a WHERE c.b = 'a' ORDER BY t.k"));
    }
}
