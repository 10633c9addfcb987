package io.sediment.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The data every target holds: {@code KV(K BIGINT PRIMARY KEY, V VARCHAR(100))} with keys
 * {@code 0 .. rows-1} and a 100-character value derived from the key, loaded through the
 * target's own JDBC driver with one prepared multi-row {@code INSERT} per batch of rows, and then
 * checked (row count, one point, one range) so that every target answers the same queries with
 * the same rows (in any order: the
 * measured range query has no ORDER BY). Stateless.
 */
public final class KvData {
    /** Columns and key shared by every target (standard SQL; PostgreSQL folds the names to lower case). */
    public static final String DDL = "CREATE TABLE KV (K BIGINT PRIMARY KEY, V VARCHAR(100))";
    /** The point select measured. */
    public static final String POINT_SQL = "SELECT V FROM KV WHERE K = ?";
    /** The range scan measured: {@code [?, ?)} of consecutive keys. */
    public static final String RANGE_SQL = "SELECT K, V FROM KV WHERE K >= ? AND K < ?";
    /** Width of every value. */
    public static final int VALUE_LENGTH = 100;

    private static final int BATCH = 500;

    private KvData() {}

    /** The value stored under key {@code k}: exactly {@link #VALUE_LENGTH} characters, unique per key. */
    public static String value(long k) {
        StringBuilder sb = new StringBuilder(VALUE_LENGTH);
        sb.append("value-").append(k).append('-');
        long x = k * 0x9E3779B97F4A7C15L;
        while (sb.length() < VALUE_LENGTH) {
            x ^= x >>> 29;
            x *= 0xBF58476D1CE4E5B9L;
            sb.append((char) ('a' + (int) ((x >>> 40) % 26)));
        }
        return sb.toString();
    }

    /** Creates the table (dropping an old one first if asked) and inserts {@code rows} rows. */
    public static void load(Connection c, long rows, boolean dropFirst) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dropFirst) {
                s.execute("DROP TABLE IF EXISTS KV");
            }
            s.execute(DDL);
        }
        long full = rows / BATCH;
        int rest = (int) (rows % BATCH);
        long k = 0;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(BATCH))) {
                for (long b = 0; b < full; b++) {
                    k = bind(ps, k, BATCH);
                    ps.executeUpdate();
                }
            }
        }
        if (rest > 0) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(rest))) {
                bind(ps, k, rest);
                ps.executeUpdate();
            }
        }
    }

    private static long bind(PreparedStatement ps, long first, int n) throws SQLException {
        long k = first;
        for (int i = 0; i < n; i++, k++) {
            ps.setLong(2 * i + 1, k);
            ps.setString(2 * i + 2, value(k));
        }
        return k;
    }

    private static String insertSql(int n) {
        StringBuilder sb = new StringBuilder("INSERT INTO KV (K, V) VALUES ");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        return sb.toString();
    }

    /**
     * Checks that the target holds exactly the loaded data and answers both measured queries right.
     *
     * @throws IllegalStateException naming what differs
     */
    public static void verify(Connection c, long rows, int rangeSize) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM KV")) {
            rs.next();
            long n = rs.getLong(1);
            if (n != rows) {
                throw new IllegalStateException("KV has " + n + " rows, expected " + rows);
            }
        }
        long probe = rows / 2;
        try (PreparedStatement ps = c.prepareStatement(POINT_SQL)) {
            ps.setLong(1, probe);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !value(probe).equals(rs.getString(1)) || rs.next()) {
                    throw new IllegalStateException("point select of key " + probe + " is wrong");
                }
            }
        }
        long start = Math.max(0, rows - rangeSize) / 2;
        try (PreparedStatement ps = c.prepareStatement(RANGE_SQL)) {
            ps.setLong(1, start);
            ps.setLong(2, start + rangeSize);
            try (ResultSet rs = ps.executeQuery()) {
                long end = Math.min(rows, start + rangeSize);
                java.util.BitSet seen = new java.util.BitSet();
                while (rs.next()) {
                    long k = rs.getLong(1);
                    if (k < start || k >= end || seen.get((int) (k - start)) || !value(k).equals(rs.getString(2))) {
                        throw new IllegalStateException("range scan [" + start + ", " + end + "): wrong row " + k);
                    }
                    seen.set((int) (k - start));
                }
                if (seen.cardinality() != end - start) {
                    throw new IllegalStateException("range scan [" + start + ", " + end + ") returned "
                            + seen.cardinality() + " rows");
                }
            }
        }
    }
}
