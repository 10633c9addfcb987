package io.sediment.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Answers {@code DatabaseMetaData.getPrimaryKeys} and {@code getIndexInfo} with SQL over the
 * {@code SYS.PRIMARY_KEYS} and {@code SYS.INDEXES} system tables (whose schema column is
 * {@code TABLE_SCHEMA}, renamed {@code TABLE_SCHEM} here), returning the columns and
 * order the JDBC specification prescribes. This is how the thin client gets keys at all:
 * Avatica's wire protocol has no request for them. Stateless.
 *
 * <p>Patterns are not allowed for these calls by JDBC: {@code schema} and {@code table} are
 * exact names, {@code null} schema meaning any. Names are embedded as SQL string literals with
 * quotes doubled, so no input can change the statement's shape.
 */
final class KeyMetadataQueries {
    private KeyMetadataQueries() {}

    /** Primary key columns of {@code table}, ordered by column name as JDBC requires. */
    static ResultSet primaryKeys(Connection c, String schema, String table) throws SQLException {
        String sql = "SELECT CAST(NULL AS VARCHAR(128)) AS TABLE_CAT,"
                + " TABLE_SCHEMA AS TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, CAST(KEY_SEQ AS SMALLINT) AS KEY_SEQ, PK_NAME"
                + " FROM SYS.PRIMARY_KEYS"
                + where(schema, table)
                + " ORDER BY COLUMN_NAME";
        return query(c, sql);
    }

    /**
     * Index columns of {@code table} (the primary key is the clustered index, reported as such),
     * ordered by NON_UNIQUE, TYPE, INDEX_NAME and ORDINAL_POSITION as JDBC requires.
     */
    static ResultSet indexInfo(Connection c, String schema, String table, Boolean unique)
            throws SQLException {
        String sql = "SELECT CAST(NULL AS VARCHAR(128)) AS TABLE_CAT,"
                + " TABLE_SCHEMA AS TABLE_SCHEM, TABLE_NAME, NON_UNIQUE, CAST(NULL AS VARCHAR(128)) AS INDEX_QUALIFIER, INDEX_NAME,"
                + " CAST(" + DatabaseMetaData.tableIndexClustered + " AS SMALLINT) AS \"TYPE\","
                + " CAST(ORDINAL_POSITION AS SMALLINT) AS ORDINAL_POSITION, COLUMN_NAME,"
                + " ASC_OR_DESC, CAST(-1 AS BIGINT) AS \"CARDINALITY\","
                + " CAST(-1 AS BIGINT) AS \"PAGES\", CAST(NULL AS VARCHAR(128)) AS FILTER_CONDITION"
                + " FROM SYS.INDEXES"
                + where(schema, table)
                + (Boolean.TRUE.equals(unique) ? " AND NON_UNIQUE = FALSE" : "")
                + " ORDER BY NON_UNIQUE, INDEX_NAME, ORDINAL_POSITION";
        return query(c, sql);
    }

    private static String where(String schema, String table) {
        StringBuilder sb = new StringBuilder(" WHERE 1 = 1");
        if (schema != null) {
            sb.append(" AND TABLE_SCHEMA = ").append(literal(schema));
        }
        if (table != null) {
            sb.append(" AND TABLE_NAME = ").append(literal(table));
        }
        return sb.toString();
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static ResultSet query(Connection c, String sql) throws SQLException {
        Statement s = c.createStatement();
        try {
            s.closeOnCompletion();
            return s.executeQuery(sql);
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
