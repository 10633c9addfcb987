package io.sediment.jdbc.reliability;

import java.util.List;

/**
 * One hostile call: either a plain statement ({@code executions == null}), or a statement that is
 * prepared and then executed once per parameter list — parameters that may have the wrong type,
 * be missing, or name an index the statement does not have.
 *
 * @param kind what the generator meant to exercise (the tallies are kept per kind)
 * @param sql the statement text
 * @param executions parameter lists for a prepared statement, or {@code null}
 * @param method how a prepared statement is run: 0 executeQuery, 1 execute, 2 executeUpdate,
 *     3 addBatch and executeBatch
 * @param mustFail whether success would itself be a bug (code-loading DDL, writes to {@code SYS})
 */
record FuzzCase(String kind, String sql, List<List<Param>> executions, int method, boolean mustFail) {
    /**
     * A parameter to set: {@code value == null} means {@code setNull(index, nullType)}.
     *
     * @param index 1-based, possibly out of range on purpose
     * @param value the Java value handed to {@code setObject}
     * @param nullType the JDBC type given to {@code setNull}
     */
    record Param(int index, Object value, int nullType) {}

    static FuzzCase plain(String kind, String sql) {
        return new FuzzCase(kind, sql, null, 0, false);
    }

    /** The statement shortened for reports (huge literals and long statements elided). */
    String shortSql() {
        return shorten(sql);
    }

    static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        String flat = s.replaceAll("[\\p{Cntrl}&&[^\n]]", "?");
        return flat.length() <= 200 ? flat
            : flat.substring(0, 120) + " …(" + flat.length() + " chars)… " + flat.substring(flat.length() - 60);
    }
}
