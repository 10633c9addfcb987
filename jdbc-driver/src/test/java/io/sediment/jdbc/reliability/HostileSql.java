package io.sediment.jdbc.reliability;

import io.sediment.jdbc.reliability.FuzzCase.Param;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The hostile SQL generator: valid statements from {@link SqlGrammar}, the same mutated by
 * {@link SqlMutator}, prepared statements run with wrong parameter types and counts, huge
 * literals (1 MB strings and binaries, thousand-digit numbers), statements of about 100,000
 * characters, expressions and queries nested up to thousands deep, random bytes as SQL, DDL that
 * would load Java classes and writes to {@code SYS} (both of which must fail). Deterministic for a
 * seed. Not thread-safe: one instance per worker.
 */
final class HostileSql {
    /**
     * Bytes in the largest binary literal made: beyond the server's limit of 4 KB, which refuses
     * longer ones before Calcite's parse (quadratic in their size; see
     * {@code FixedBugsTest#largeBinaryLiteralIsAnsweredQuickly}), so both sides of it are sent.
     */
    static final int MAX_BINARY_LITERAL = 32 << 10;
    /**
     * Items in the widest select list made: beyond the server's limit of 1,664, which refuses wider
     * ones before planning (whose time grows faster than linearly with the width; see
     * {@code FixedBugsTest#wideSelectListIsAnsweredQuickly}), so both sides of it are sent.
     */
    static final int MAX_SELECT_ITEMS = 2_000;

    private final Random rnd;
    private final SqlGrammar grammar;
    private final SqlMutator mutator;

    HostileSql(long seed) {
        this.rnd = new Random(seed);
        this.grammar = new SqlGrammar(rnd);
        this.mutator = new SqlMutator(rnd);
    }

    /** The next case. */
    FuzzCase next() {
        int p = rnd.nextInt(1000);
        if (p < 200) {
            return FuzzCase.plain("valid", grammar.statement());
        } else if (p < 560) {
            return FuzzCase.plain("mutated", mutator.mutate(grammar.statement()));
        } else if (p < 780) {
            return prepared();
        } else if (p < 825) {
            return FuzzCase.plain("huge-value", hugeValue());
        } else if (p < 840) {
            return FuzzCase.plain("long", longStatement());
        } else if (p < 870) {
            return FuzzCase.plain("mutated", mutator.mutate(grammar.statement()));
        } else if (p < 895) {
            return FuzzCase.plain("nested", nested());
        } else if (p < 945) {
            return FuzzCase.plain("random-bytes", randomText());
        } else if (p < 975) {
            return new FuzzCase("code-loading", codeLoading(), null, 0, true);
        } else {
            return new FuzzCase("sys-write", sysWrite(), null, 0, true);
        }
    }

    // ------------------------------------------------------------------ prepared statements

    private record Template(String sql, String... types) {}

    private static final List<Template> TEMPLATES = List.of(
        new Template("SELECT * FROM F1 WHERE A = ?", "INT"),
        new Template("SELECT K, S FROM REFDATA WHERE K BETWEEN ? AND ? ORDER BY K", "INT", "INT"),
        new Template("INSERT INTO F1 VALUES (?, ?, ?, ?, ?)", "INT", "TEXT", "DEC", "DOUBLE", "BYTES"),
        new Template("UPSERT INTO F2 VALUES (?, ?, ?, ?)", "BIGINT", "TEXT", "BOOL", "DATE"),
        new Template("UPDATE F1 SET B = ?, C = ? WHERE A = ?", "TEXT", "DEC", "INT"),
        new Template("DELETE FROM F1 WHERE A = ?", "INT"),
        new Template("SELECT * FROM F1 WHERE A IN (?, ?, ?)", "INT", "INT", "INT"),
        new Template("SELECT * FROM REFDATA WHERE K > ? LIMIT ?", "INT", "INT"),
        new Template("SELECT ? FROM (VALUES 1)", "TEXT"),
        new Template("CALL SYS.COMPACT(?)", "INT"),
        new Template("UPSERT INTO F3 VALUES (?, ?)", "INT", "TEXT"),
        new Template("UPSERT INTO F4 VALUES (?, ?)", "TEXT", "INT"),
        new Template("SELECT * FROM F2 WHERE K1 = ? AND K2 > ?", "BIGINT", "TEXT"),
        new Template("SELECT COUNT(*) FROM REFDATA WHERE S LIKE ? AND T < ?", "TEXT", "TS"),
        new Template("SELECT * FROM REFDATA WHERE K = ? OR K = ? OR FLAG = ?", "INT", "INT", "BOOL"));

    private FuzzCase prepared() {
        Template t = TEMPLATES.get(rnd.nextInt(TEMPLATES.size()));
        String sql = rnd.nextInt(8) == 0 ? mutator.mutate(t.sql()) : t.sql();
        List<List<Param>> executions = new ArrayList<>();
        int runs = 1 + rnd.nextInt(3);
        for (int r = 0; r < runs; r++) {
            List<Param> params = new ArrayList<>();
            int count = t.types().length;
            int mode = rnd.nextInt(10);
            int set = mode == 0 ? rnd.nextInt(count + 1) : count; // 0: too few parameters bound
            for (int i = 0; i < set; i++) {
                params.add(rnd.nextInt(3) == 0 ? wrongParam(i + 1) : rightParam(i + 1, t.types()[i]));
            }
            if (mode == 1) {
                params.add(rightParam(count + 1 + rnd.nextInt(3), "INT")); // an index that does not exist
            } else if (mode == 2) {
                params.add(rightParam(rnd.nextInt(2) - 1, "INT")); // index 0 or -1
            }
            executions.add(params);
        }
        return new FuzzCase("prepared", sql, executions, rnd.nextInt(4), false);
    }

    private Param rightParam(int index, String type) {
        Object v = switch (type) {
            case "INT" -> rnd.nextInt(3) == 0 ? rnd.nextInt() : rnd.nextInt(ReferenceTable.ROWS);
            case "BIGINT" -> rnd.nextLong() % 1000;
            case "TEXT" -> grammar.pick(List.of("a", "%", "row 1%", "", "é☃", "x".repeat(30)));
            case "DEC" -> BigDecimal.valueOf(rnd.nextInt(100_000), 2);
            case "DOUBLE" -> rnd.nextDouble() * 1e6;
            case "BOOL" -> rnd.nextBoolean();
            case "DATE" -> new Date(86_400_000L * rnd.nextInt(20_000));
            case "TS" -> new Timestamp(1_700_000_000_000L + rnd.nextInt(1_000_000_000));
            default -> new byte[rnd.nextInt(64)];
        };
        return new Param(index, v, Types.OTHER);
    }

    private Param wrongParam(int index) {
        Object v = switch (rnd.nextInt(22)) {
            case 0 -> "abc";
            case 1 -> "12";
            case 2 -> "";
            case 3 -> "x".repeat(1 << 20);
            case 4 -> new BigDecimal("1e400");
            case 5 -> new BigDecimal("9".repeat(100) + ".5");
            case 6 -> Long.MAX_VALUE;
            case 7 -> Double.NaN;
            case 8 -> Double.POSITIVE_INFINITY;
            case 9 -> new byte[1 << 20];
            case 10 -> Boolean.TRUE;
            case 11 -> new Date(Long.MIN_VALUE / 4);
            case 12 -> new Timestamp(Long.MAX_VALUE / 4);
            case 13 -> new Time(-1);
            case 14 -> Integer.MIN_VALUE;
            case 15 -> (short) -1;
            case 16 -> Float.NaN;
            case 17 -> 'c';
            case 18 -> UUID.nameUUIDFromBytes(new byte[] {1});
            case 19 -> "\uD800\u0000";
            case 20 -> new BigDecimal("-0.000000000000000000000000000001");
            default -> null;
        };
        int nullType = grammar.pick(List.of(Types.INTEGER, Types.VARCHAR, Types.BLOB, Types.ARRAY, Types.STRUCT,
            Types.DATE, 12345));
        return new Param(index, v, nullType);
    }

    // ------------------------------------------------------------------ special statements

    private String hugeValue() {
        String mb = "v".repeat(1 << 20);
        return switch (rnd.nextInt(8)) {
            case 0 -> "UPSERT INTO F3 VALUES (" + rnd.nextInt(50) + ", '" + mb + "')";
            case 1 -> "UPSERT INTO F1 VALUES (" + rnd.nextInt(1000) + ", '" + mb + "', 1.5, 2.5, X'"
                + "cd".repeat(MAX_BINARY_LITERAL) + "')";
            case 2 -> "UPSERT INTO F4 VALUES ('" + "k".repeat(1 << (10 + rnd.nextInt(11))) + "', 1)";
            case 3 -> "SELECT CHAR_LENGTH('" + mb + "') FROM (VALUES 1)";
            case 4 -> "SELECT * FROM REFDATA WHERE K = " + mutator.hugeLiteral();
            case 5 -> "INSERT INTO F2 VALUES (" + mutator.hugeLiteral() + ", 'k', TRUE, DATE '2024-01-01')";
            case 6 -> "SELECT * FROM F4 WHERE K = '" + mb + "'";
            default -> "UPDATE F1 SET C = " + mutator.hugeLiteral() + " WHERE A = " + rnd.nextInt(100);
        };
    }

    /** A statement of roughly 100,000 characters. */
    private String longStatement() {
        int n = 100_000;
        return switch (rnd.nextInt(7)) {
            case 0 -> "SELECT * FROM REFDATA WHERE K IN (" + numbers(n / 7) + ")";
            case 1 -> "SELECT 1" + " + 1".repeat(n / 4) + " FROM (VALUES 1)";
            case 2 -> "SELECT COUNT(*) FROM F1 WHERE " + "A = 1 OR ".repeat(n / 9) + "A = 2";
            case 3 -> "SELECT" + " ".repeat(n) + "1 FROM (VALUES 1)";
            case 4 -> "SELECT /*" + "c".repeat(n) + "*/ 1 FROM (VALUES 1)";
            case 5 -> "SELECT " + "K, ".repeat(MAX_SELECT_ITEMS) + "K FROM REFDATA WHERE K = 1";
            default -> "SELECT * FROM REFDATA WHERE K = 1 AND S <> '" + "s".repeat(n) + "'";
        };
    }

    private String numbers(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(rnd.nextInt(1000));
        }
        return sb.toString();
    }

    /** Nesting from a few levels to thousands: parentheses, operators, functions, subqueries, CASE. */
    private String nested() {
        int depth = grammar.pick(List.of(5, 30, 100, 500, 2000, 5000));
        return switch (rnd.nextInt(7)) {
            case 0 -> "SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth) + " FROM (VALUES 1)";
            case 1 -> "SELECT " + "(1 + ".repeat(depth) + "K" + ")".repeat(depth) + " FROM REFDATA WHERE K < 3";
            case 2 -> "SELECT " + "ABS(".repeat(depth) + "-1" + ")".repeat(depth) + " FROM (VALUES 1)";
            case 3 -> "SELECT * FROM " + "(SELECT * FROM ".repeat(Math.min(depth, 300)) + "REFDATA"
                + ")".repeat(Math.min(depth, 300)) + " WHERE K = 1";
            case 4 -> "SELECT " + "CASE WHEN K > 1 THEN ".repeat(Math.min(depth, 500)) + "1"
                + " ELSE 0 END".repeat(Math.min(depth, 500)) + " FROM REFDATA WHERE K < 3";
            case 5 -> "SELECT * FROM REFDATA WHERE " + "NOT ".repeat(depth) + "K = 1";
            default -> "SELECT * FROM REFDATA WHERE K IN "
                + "(SELECT K FROM REFDATA WHERE K IN ".repeat(Math.min(depth, 100)) + "(1, 2)"
                + ")".repeat(Math.min(depth, 100));
        };
    }

    /** Random bytes decoded as Latin-1 or UTF-8, or random UTF-16 units (unpaired surrogates too). */
    private String randomText() {
        int len = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 20_000 : 300);
        if (rnd.nextBoolean()) {
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            return new String(b, rnd.nextBoolean() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = (char) rnd.nextInt(0x10000);
        }
        String s = new String(c);
        return rnd.nextBoolean() ? "SELECT " + s : s;
    }

    /** Statements that would make the server load or run Java code; every one must be refused. */
    private String codeLoading() {
        return grammar.pick(List.of(
            "CREATE FUNCTION EVIL AS 'java.lang.Runtime'",
            "CREATE OR REPLACE FUNCTION EVIL AS 'java.lang.Runtime' USING JAR 'file:///tmp/evil.jar'",
            "CREATE FUNCTION PUBLIC.EVIL AS 'java.lang.ProcessBuilder'",
            "CREATE FOREIGN SCHEMA FS TYPE 'jdbc' OPTIONS (jdbcUrl 'jdbc:h2:mem:x')",
            "CREATE FOREIGN SCHEMA FS LIBRARY 'org.apache.calcite.adapter.java.ReflectiveSchema$Factory'"
                + " OPTIONS (class 'java.lang.Runtime')",
            "CREATE TYPE EVIL AS (A INTEGER)",
            "CREATE MATERIALIZED VIEW MV AS SELECT * FROM REFDATA",
            "SELECT * FROM TABLE(\"java.lang.Runtime\".\"getRuntime\"())",
            "CALL \"java.lang.System\".\"exit\"(0)",
            "SELECT \"java.lang.System\".\"exit\"(0) FROM (VALUES 1)",
            "CREATE FUNCTION EVIL(X INTEGER) RETURNS INTEGER LANGUAGE JAVA AS 'java.lang.System.exit'",
            "CREATE TABLE EVIL (A INTEGER PRIMARY KEY) WITH (factory 'java.lang.Runtime')"));
    }

    /** Writes to the read-only SYS schema and drops of built-in schemas; every one must be refused. */
    private String sysWrite() {
        return grammar.pick(List.of(
            "INSERT INTO SYS.METRICS VALUES ('x', 1.0)",
            "DELETE FROM SYS.SNAPSHOTS",
            "UPDATE SYS.OPTIONS SET \"VALUE\" = '1'",
            "DROP TABLE SYS.LEVELS",
            "CREATE TABLE SYS.X (A INTEGER PRIMARY KEY)",
            "DROP SCHEMA SYS",
            "DROP SCHEMA PUBLIC",
            "UPSERT INTO SYS.TABLES VALUES ('PUBLIC', 'REFDATA', 0, 0, 0)"));
    }
}
