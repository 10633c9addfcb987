package io.sediment.jdbc.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small grammar of statements that are valid against the fuzz schema (most of them; random
 * values may still collide with keys or overflow), from which {@link HostileSql} starts before
 * mutating. The schema: {@code F1} and {@code F2} (written by the fuzz), {@code F3} and
 * {@code F4} (wide text, and a wide text key, for huge values), {@code REFDATA} (read only: no
 * statement made here writes it) and the {@code SYS} tables. Not thread-safe: one instance per {@link Random}.
 */
final class SqlGrammar {
    /** DDL for the tables the fuzz may write; {@code REFDATA} is created by {@link ReferenceTable}. */
    static final List<String> SCHEMA = List.of(
        "CREATE TABLE F1 (A INTEGER PRIMARY KEY, B VARCHAR(20), C DECIMAL(10, 2), D DOUBLE, E VARBINARY(64))",
        "CREATE TABLE F2 (K1 BIGINT, K2 VARCHAR(10), V BOOLEAN, W DATE, PRIMARY KEY (K1, K2))",
        "CREATE TABLE F3 (ID INTEGER PRIMARY KEY, TXT VARCHAR(2000000))",
        "CREATE TABLE F4 (K VARCHAR(2000000) PRIMARY KEY, N INTEGER)");

    /** A column: its name and a type word that picks literals ({@code INT, BIGINT, TEXT, DEC, ...}). */
    record Column(String name, String type) {}

    /** A table: name, columns (key columns first) and number of key columns. */
    record Table(String name, List<Column> columns, int keys) {}

    static final Table F1 = new Table("F1", List.of(new Column("A", "INT"), new Column("B", "TEXT"),
        new Column("C", "DEC"), new Column("D", "DOUBLE"), new Column("E", "BYTES")), 1);
    static final Table F2 = new Table("F2", List.of(new Column("K1", "BIGINT"), new Column("K2", "TEXT"),
        new Column("V", "BOOL"), new Column("W", "DATE")), 2);
    static final Table F3 = new Table("F3", List.of(new Column("ID", "INT"), new Column("TXT", "TEXT")), 1);
    static final Table REFDATA = new Table("REFDATA", List.of(new Column("K", "INT"), new Column("S", "TEXT"),
        new Column("D", "DEC"), new Column("B", "BIGINT"), new Column("F", "DOUBLE"),
        new Column("T", "TS"), new Column("FLAG", "BOOL"), new Column("V", "BYTES")), 1);
    static final List<Table> WRITABLE = List.of(F1, F2, F3);
    static final List<Table> READABLE = List.of(F1, F2, F3, REFDATA);
    static final List<String> SYS_TABLES = List.of("SSTABLES", "LEVELS", "COMPACTIONS", "METRICS",
        "SNAPSHOTS", "OPTIONS", "TABLES", "COLUMNS", "PRIMARY_KEYS", "INDEXES");
    static final List<String> TYPES = List.of("INT", "BIGINT", "TEXT", "DEC", "DOUBLE", "BOOL", "DATE",
        "TS", "BYTES");
    private static final List<String> FUNCTIONS = List.of("ABS", "MOD", "UPPER", "LOWER", "CHAR_LENGTH",
        "COALESCE", "NULLIF", "POWER", "SQRT", "FLOOR", "CEIL", "TRIM", "LN", "EXP", "SIGN", "ROUND");

    private final Random rnd;

    SqlGrammar(Random rnd) {
        this.rnd = rnd;
    }

    /** Any statement of the grammar. */
    String statement() {
        int p = rnd.nextInt(100);
        if (p < 35) {
            return select();
        } else if (p < 42) {
            return "EXPLAIN PLAN FOR " + select();
        } else if (p < 47) {
            return sysSelect();
        } else if (p < 62) {
            return insert();
        } else if (p < 70) {
            return update();
        } else if (p < 76) {
            return delete();
        } else if (p < 84) {
            return ddl();
        } else if (p < 90) {
            return procedure();
        } else if (p < 94) {
            return "VALUES " + rowList(1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
        } else {
            return select() + " UNION ALL " + select();
        }
    }

    String select() {
        Table t = pick(READABLE);
        StringBuilder sb = new StringBuilder("SELECT ");
        boolean group = rnd.nextInt(6) == 0;
        if (group) {
            Column g = pick(t.columns());
            sb.append(g.name()).append(", COUNT(*), ").append(pick(List.of("MIN", "MAX", "SUM", "AVG")))
                .append('(').append(pick(t.columns()).name()).append(')');
        } else if (rnd.nextInt(4) == 0) {
            sb.append('*');
        } else {
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(expression(t, 2));
            }
        }
        sb.append(" FROM ").append(t.name());
        if (rnd.nextInt(8) == 0) {
            Table u = pick(READABLE);
            sb.append(" JOIN ").append(u.name()).append(" U ON ").append(t.name()).append('.')
                .append(t.columns().get(0).name()).append(" = U.").append(u.columns().get(0).name());
        }
        if (rnd.nextInt(4) != 0) {
            sb.append(" WHERE ").append(predicate(t));
        }
        if (group) {
            sb.append(" GROUP BY ").append(sb.substring(7, sb.indexOf(",")));
        } else if (rnd.nextInt(3) == 0) {
            sb.append(" ORDER BY ").append(t.columns().get(0).name()).append(rnd.nextBoolean() ? " DESC" : "");
        }
        if (rnd.nextInt(3) == 0) {
            sb.append(" LIMIT ").append(rnd.nextInt(50));
            if (rnd.nextInt(3) == 0) {
                sb.append(" OFFSET ").append(rnd.nextInt(20));
            }
        }
        return sb.toString();
    }

    private String sysSelect() {
        String t = pick(SYS_TABLES);
        return rnd.nextBoolean() ? "SELECT * FROM SYS." + t
            : "SELECT COUNT(*) FROM SYS." + t + " WHERE 1 = " + rnd.nextInt(2);
    }

    /** A predicate leaning on the key (so ranges are pushed down), sometimes on other columns. */
    String predicate(Table t) {
        Column k = t.columns().get(0);
        switch (rnd.nextInt(8)) {
            case 0:
                return k.name() + " = " + literal(k.type());
            case 1:
                return k.name() + " BETWEEN " + literal(k.type()) + " AND " + literal(k.type());
            case 2:
                return k.name() + " IN (" + literal(k.type()) + ", " + literal(k.type()) + ", "
                    + literal(k.type()) + ")";
            case 3:
                return k.name() + " < " + literal(k.type()) + " OR " + k.name() + " > " + literal(k.type());
            case 4:
                Column c = pick(t.columns());
                return c.name() + " IS " + (rnd.nextBoolean() ? "" : "NOT ") + "NULL";
            case 5:
                return expression(t, 2) + " = " + expression(t, 1);
            case 6:
                return k.name() + " IN (SELECT K FROM REFDATA WHERE K < " + rnd.nextInt(ReferenceTable.ROWS) + ")";
            default:
                return "NOT (" + predicate(t) + ") AND " + k.name() + " >= " + literal(k.type());
        }
    }

    /** An expression over the columns of {@code t}, at most {@code depth} operators deep. */
    String expression(Table t, int depth) {
        int p = rnd.nextInt(depth <= 0 ? 2 : 7);
        switch (p) {
            case 0:
                return pick(t.columns()).name();
            case 1:
                return literal(pick(TYPES));
            case 2:
                return "(" + expression(t, depth - 1) + " " + pick(List.of("+", "-", "*", "/", "||", "=", "<>",
                    "<", "AND", "OR")) + " " + expression(t, depth - 1) + ")";
            case 3:
                String f = pick(FUNCTIONS);
                int args = f.equals("MOD") || f.equals("POWER") || f.equals("COALESCE") || f.equals("NULLIF")
                    || f.equals("ROUND") ? 2 : 1;
                StringBuilder sb = new StringBuilder(f).append('(');
                for (int i = 0; i < args; i++) {
                    sb.append(i == 0 ? "" : ", ").append(expression(t, depth - 1));
                }
                return sb.append(')').toString();
            case 4:
                return "CAST(" + expression(t, depth - 1) + " AS " + sqlType(pick(TYPES)) + ")";
            case 5:
                return "CASE WHEN " + predicate(t) + " THEN " + expression(t, depth - 1) + " ELSE "
                    + expression(t, depth - 1) + " END";
            default:
                return "SUBSTRING(" + expression(t, depth - 1) + " FROM " + (rnd.nextInt(5) - 1) + " FOR "
                    + rnd.nextInt(10) + ")";
        }
    }

    private String insert() {
        Table t = pick(WRITABLE);
        String verb = rnd.nextBoolean() ? "INSERT" : "UPSERT";
        if (rnd.nextInt(6) == 0 && t != F3) {
            Table from = t == F1 ? F2 : F1;
            return verb + " INTO " + t.name() + " SELECT " + columnsFrom(t, from) + " FROM " + from.name()
                + " WHERE " + predicate(from);
        }
        StringBuilder sb = new StringBuilder(verb).append(" INTO ").append(t.name());
        if (rnd.nextBoolean()) {
            sb.append(" (");
            for (int i = 0; i < t.columns().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(t.columns().get(i).name());
            }
            sb.append(')');
        }
        sb.append(" VALUES ");
        int rows = 1 + rnd.nextInt(3);
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < t.columns().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(literal(t.columns().get(i).type()));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private String columnsFrom(Table target, Table from) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < target.columns().size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            sb.append("CAST(").append(from.columns().get(i % from.columns().size()).name()).append(" AS ")
                .append(sqlType(target.columns().get(i).type())).append(')');
        }
        return sb.toString();
    }

    private String update() {
        Table t = pick(WRITABLE);
        Column c = t.columns().get(t.keys() + rnd.nextInt(t.columns().size() - t.keys()));
        if (rnd.nextInt(5) == 0) {
            c = t.columns().get(0); // moves rows
        }
        return "UPDATE " + t.name() + " SET " + c.name() + " = " + (rnd.nextBoolean() ? literal(c.type())
            : expression(t, 1)) + " WHERE " + predicate(t);
    }

    private String delete() {
        Table t = pick(WRITABLE);
        return "DELETE FROM " + t.name() + " WHERE " + predicate(t);
    }

    private String ddl() {
        String name = "FZ_" + rnd.nextInt(20);
        switch (rnd.nextInt(7)) {
            case 0:
                return "CREATE TABLE " + name + " (ID " + sqlType(pick(TYPES)) + " PRIMARY KEY, X "
                    + sqlType(pick(TYPES)) + ")";
            case 1:
                return "CREATE TABLE IF NOT EXISTS " + name + " (A INTEGER, B VARCHAR(5), PRIMARY KEY (B, A))";
            case 2:
                return "DROP TABLE " + (rnd.nextBoolean() ? "IF EXISTS " : "") + name;
            case 3:
                return "CREATE SCHEMA " + (rnd.nextBoolean() ? "IF NOT EXISTS " : "") + "FZS_" + rnd.nextInt(5);
            case 4:
                return "DROP SCHEMA " + (rnd.nextBoolean() ? "IF EXISTS " : "") + "FZS_" + rnd.nextInt(5);
            case 5:
                return "CREATE TABLE " + name + " (A INTEGER)"; // no key: refused
            default:
                return "INSERT INTO " + name + " VALUES (" + literal(pick(TYPES)) + ", " + literal(pick(TYPES)) + ")";
        }
    }

    private String procedure() {
        switch (rnd.nextInt(6)) {
            case 0:
                return "CALL SYS.FLUSH()";
            case 1:
                return "CALL SYS.COMPACT(" + pick(List.of("0", "1", "2", "6", "-1", "7", "2147483647", "NULL",
                    "'x'", "1.5")) + ")";
            case 2:
                return "CALL SYS.SET_COMPACTION(" + pick(List.of("'leveled'", "'tiered'", "'TIERED'", "''", "NULL",
                    "'fastest'", "1")) + ")";
            case 3:
                return "SELECT * FROM TABLE(SYS.FLUSH())";
            case 4:
                return "CALL SYS.CHECKPOINT(" + pick(List.of("''", "NULL", "'db'", "42")) + ")";
            default:
                return "CALL SYS." + pick(List.of("NOPE()", "FLUSH(1)", "COMPACT()", "LEVELS()"));
        }
    }

    private String rowList(int rows, int cols) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ", ").append(literal(pick(TYPES)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** The SQL type a type word stands for. */
    String sqlType(String type) {
        return switch (type) {
            case "INT" -> "INTEGER";
            case "BIGINT" -> "BIGINT";
            case "TEXT" -> "VARCHAR(" + (1 + rnd.nextInt(30)) + ")";
            case "DEC" -> "DECIMAL(" + (1 + rnd.nextInt(19)) + ", " + rnd.nextInt(3) + ")";
            case "DOUBLE" -> "DOUBLE";
            case "BOOL" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TS" -> "TIMESTAMP(3)";
            default -> "VARBINARY(16)";
        };
    }

    /** A well-formed literal of a type word, edge values included. */
    String literal(String type) {
        if (rnd.nextInt(15) == 0) {
            return "NULL";
        }
        return switch (type) {
            case "INT" -> pick(List.of("0", "1", "-1", "7", "42", "2147483647", "-2147483648",
                Integer.toString(rnd.nextInt(1000)), Integer.toString(rnd.nextInt(ReferenceTable.ROWS))));
            case "BIGINT" -> pick(List.of("0", "9223372036854775807", "-9223372036854775808",
                Long.toString(rnd.nextLong() % 100_000)));
            case "TEXT" -> "'" + pick(List.of("", "a", "it''s", "é☃", "row 5", "%_", "   ", "x".repeat(25),
                "\u0000")) + "'";
            case "DEC" -> pick(List.of("0.00", "12.34", "-99999999.99", "1e3", "0.005", "3"));
            case "DOUBLE" -> pick(List.of("0.0", "-0.0", "1.5E300", "2.5", "-1e-300", "CAST('NaN' AS DOUBLE)"));
            case "BOOL" -> pick(List.of("TRUE", "FALSE", "UNKNOWN"));
            case "DATE" -> pick(List.of("DATE '2024-01-02'", "DATE '0001-01-01'", "DATE '9999-12-31'",
                "CURRENT_DATE"));
            case "TS" -> pick(List.of("TIMESTAMP '2024-01-02 03:04:05.678'", "TIMESTAMP '1970-01-01 00:00:00'",
                "CURRENT_TIMESTAMP"));
            default -> pick(List.of("X''", "X'00'", "X'DEADBEEF'", "X'" + "ab".repeat(16) + "'"));
        };
    }

    <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** The column names of every table, for mutations that swap one name for another. */
    static List<String> allColumnNames() {
        List<String> names = new ArrayList<>();
        for (Table t : READABLE) {
            for (Column c : t.columns()) {
                names.add(c.name());
            }
        }
        return names;
    }
}
