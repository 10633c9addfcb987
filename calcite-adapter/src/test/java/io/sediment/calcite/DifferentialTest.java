package io.sediment.calcite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random tables, rows and queries (key ranges, IN lists, ORs, ORDER BY, LIMIT, aggregates,
 * joins) run on Sediment and on H2; both must return the same rows.
 */
class DifferentialTest {
    @TempDir
    Path dir;

    @Test
    void sedimentAgreesWithH2() throws Exception {
        long seed = Long.getLong("sediment.seed", 20240229L);
        Random rnd = new Random(seed);
        try (Connection sed = DriverManager.getConnection("jdbc:sediment:" + dir);
             Connection h2 = DriverManager.getConnection("jdbc:h2:mem:diff;MODE=Regular")) {
            String[] ddl = {
                "CREATE TABLE r (a INTEGER, b VARCHAR(8), v INTEGER, w VARCHAR(8), PRIMARY KEY (a, b))",
                "CREATE TABLE q (id INTEGER PRIMARY KEY, x BIGINT, s VARCHAR(8))",
            };
            for (String d : ddl) {
                exec(sed, d);
                exec(h2, d);
            }
            for (int i = 0; i < 400; i++) {
                String row = "(" + num(rnd) + ", '" + str(rnd) + "', " + nullable(rnd, String.valueOf(rnd.nextInt(100) - 50))
                        + ", " + nullable(rnd, "'" + str(rnd) + "'") + ")";
                insertBoth(sed, h2, "INSERT INTO r VALUES " + row);
            }
            for (int i = 0; i < 60; i++) {
                String row = "(" + num(rnd) + ", " + (rnd.nextLong() % 1_000_000_000_000L) + ", "
                        + nullable(rnd, "'" + str(rnd) + "'") + ")";
                insertBoth(sed, h2, "INSERT INTO q VALUES " + row);
            }
            for (int i = 0; i < 250; i++) {
                String query = query(rnd);
                boolean ordered = query.contains("ORDER BY");
                List<String> expected = rows(h2, query, ordered);
                List<String> actual = rows(sed, query, ordered);
                assertEquals(expected, actual, "seed " + seed + ", query " + i + ": " + query);
            }
        }
    }

    private static void insertBoth(Connection sed, Connection h2, String sql) throws SQLException {
        boolean h2Ok;
        try {
            exec(h2, sql);
            h2Ok = true;
        } catch (SQLException e) {
            h2Ok = false;
        }
        boolean sedOk;
        try {
            exec(sed, sql);
            sedOk = true;
        } catch (SQLException e) {
            sedOk = false;
        }
        assertEquals(h2Ok, sedOk, sql);
    }

    private static String query(Random rnd) {
        int x = num(rnd);
        int y = x + rnd.nextInt(60);
        String s = str(rnd);
        return switch (rnd.nextInt(14)) {
            case 0 -> "SELECT * FROM r WHERE a = " + x;
            case 1 -> "SELECT a, b, v FROM r WHERE a BETWEEN " + x + " AND " + y;
            case 2 -> "SELECT a, b FROM r WHERE a > " + x + " AND b < '" + s + "'";
            case 3 -> "SELECT * FROM r WHERE a IN (" + x + ", " + y + ", " + num(rnd) + ", " + num(rnd) + ")";
            case 4 -> "SELECT a, w FROM r WHERE a = " + x + " OR a >= " + y;
            case 5 -> "SELECT * FROM r WHERE (a = " + x + " AND b = '" + s + "') OR (a = " + y + " AND b >= '" + s + "')";
            case 6 -> "SELECT a, b, v FROM r ORDER BY a, b LIMIT " + (1 + rnd.nextInt(30));
            case 7 -> "SELECT a, b FROM r WHERE a >= " + x + " ORDER BY a, b LIMIT " + (1 + rnd.nextInt(10))
                    + " OFFSET " + rnd.nextInt(5);
            case 8 -> "SELECT a, COUNT(*), SUM(v), MIN(w) FROM r WHERE a < " + x + " GROUP BY a";
            case 9 -> "SELECT r.a, r.b, q.x FROM r JOIN q ON r.a = q.id WHERE r.a BETWEEN " + x + " AND " + y;
            case 10 -> "SELECT COUNT(*), SUM(v) FROM r WHERE a <> " + x + " AND v IS NOT NULL AND w > '" + s + "'";
            case 12 -> "SELECT b, v FROM r WHERE a = " + x + " ORDER BY b LIMIT " + (1 + rnd.nextInt(5));
            case 13 -> "SELECT b FROM r WHERE a = " + x + " AND b > '" + s + "' ORDER BY a, b";
            default -> "SELECT id, s FROM q WHERE id < " + x + " OR id IN (" + y + ", " + num(rnd) + ")"
                    + " ORDER BY id";
        };
    }

    private static int num(Random rnd) {
        return rnd.nextInt(200) - 100;
    }

    private static String str(Random rnd) {
        int n = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + rnd.nextInt(4)));
        }
        return sb.toString();
    }

    private static String nullable(Random rnd, String v) {
        return rnd.nextInt(5) == 0 ? "NULL" : v;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(Connection c, String sql, boolean ordered) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object o = rs.getObject(i);
                    sb.append(i > 1 ? "|" : "").append(o instanceof Number num ? Long.toString(num.longValue()) : o);
                }
                out.add(sb.toString());
            }
        }
        if (!ordered) {
            Collections.sort(out);
        }
        return out;
    }
}
