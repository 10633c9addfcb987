package io.sediment.calcite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a connection plus one-line ways to run SQL and read rows as text. */
public final class Sql implements AutoCloseable {
    public final Connection connection;

    public Sql(Connection connection) {
        this.connection = connection;
    }

    public static Sql open(Path dir) throws SQLException {
        return new Sql(DriverManager.getConnection("jdbc:sediment:" + dir));
    }

    public int update(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows as "a, b, c" strings. */
    public List<String> rows(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rows(rs);
        }
    }

    public static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (i > 1) {
                    sb.append(", ");
                }
                sb.append(rs.getString(i));
            }
            out.add(sb.toString());
        }
        return out;
    }

    public String plan(String sql) throws SQLException {
        return String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
