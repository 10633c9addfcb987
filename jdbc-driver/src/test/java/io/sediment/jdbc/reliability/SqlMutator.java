package io.sediment.jdbc.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Breaks statements at the token level: drops, duplicates, swaps and truncates tokens, replaces
 * literals with literals of the wrong type or absurd size, names with unknown names, and splices
 * in junk (unbalanced quotes and comments, control characters, unpaired surrogates, a second
 * statement). Never introduces the name of a table, so a mutated statement writes {@code REFDATA}
 * only if its valid original did — and none does. Not thread-safe: one instance per {@link Random}.
 */
final class SqlMutator {
    private static final Pattern TOKEN = Pattern.compile(
        "'(?:[^']|'')*'?|\"(?:[^\"]|\"\")*\"?|[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[A-Za-z_][A-Za-z_0-9$]*"
            + "|<>|<=|>=|\\|\\||--|/\\*|\\*/|\\S");
    private static final List<String> JUNK = List.of("(", ")", ",", ";", "'", "\"", "--", "/*", "*/", "*", "?",
        ".", "NULL", "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "BETWEEN", "ORDER BY", "GROUP BY",
        "LIMIT", "VALUES", "CAST", "AS", "JOIN", "ON", "UNION", "DISTINCT", "EXISTS", "CASE", "END", "`", "[", "]",
        "{", "}", "\\", "$1", ":x", "@@", "\u0000", "\u0007", "\uD800", "\uDFFF", "\uFFFF", "\uD83D\uDE00", "é",
        "\t", "\r\n", "U&'\\0041'", "N'x'", "_UTF16'x'", "DATE", "INTERVAL '1' DAY", "TABLE", "LATERAL");
    private static final List<String> WRONG_LITERALS = List.of("'not a number'", "'2024-13-45'", "TRUE", "X'GG'",
        "X'ABC'", "DATE 'yesterday'", "TIMESTAMP '2024-01-01 25:61:61'", "INTERVAL 'x' DAY", "-", "+",
        "1.2.3", "0x1F", "1e", "'", "ARRAY[1, 2]", "MAP['a', 1]", "ROW(1, 2)", "CURRENT_USER", "?");

    private final Random rnd;
    private final List<String> columns = SqlGrammar.allColumnNames();

    SqlMutator(Random rnd) {
        this.rnd = rnd;
    }

    /** Splits SQL into tokens (string and quoted-name literals kept whole, even unterminated). */
    static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(sql);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Applies one to three mutations. */
    String mutate(String sql) {
        List<String> t = tokens(sql);
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n && !t.isEmpty(); i++) {
            mutateOnce(t);
        }
        return String.join(rnd.nextInt(10) == 0 ? "" : " ", t);
    }

    private void mutateOnce(List<String> t) {
        int at = rnd.nextInt(t.size());
        switch (rnd.nextInt(10)) {
            case 0 -> t.remove(at);
            case 1 -> t.add(at, t.get(at));
            case 2 -> {
                if (at + 1 < t.size()) {
                    String x = t.get(at);
                    t.set(at, t.get(at + 1));
                    t.set(at + 1, x);
                }
            }
            case 3 -> t.add(at, JUNK.get(rnd.nextInt(JUNK.size())));
            case 4 -> {
                int lit = findLiteral(t, at);
                t.set(lit < 0 ? at : lit, WRONG_LITERALS.get(rnd.nextInt(WRONG_LITERALS.size())));
            }
            case 5 -> {
                int lit = findLiteral(t, at);
                t.set(lit < 0 ? at : lit, hugeLiteral());
            }
            case 6 -> {
                int name = findName(t, at);
                if (name >= 0) {
                    t.set(name, rnd.nextBoolean() ? columns.get(rnd.nextInt(columns.size()))
                        : rnd.nextBoolean() ? "NO_SUCH_" + rnd.nextInt(100) : "\"" + t.get(name).toLowerCase() + "\"");
                }
            }
            case 7 -> {
                while (t.size() > at) {
                    t.remove(t.size() - 1);
                }
            }
            case 8 -> t.add(pick(List.of("; SELECT 1", "; DROP TABLE F1", ";", "--", "/*", "/* x */",
                "-- comment\n", " ; ; ")));
            default -> t.set(at, scramble(t.get(at)));
        }
    }

    /** A literal too big or too precise for any column: long digit runs, 1e400, a 1 MB string. */
    String hugeLiteral() {
        return switch (rnd.nextInt(9)) {
            case 0 -> "9".repeat(1 + rnd.nextInt(2000));
            case 1 -> "-" + "9".repeat(20 + rnd.nextInt(100));
            case 2 -> "1e" + (300 + rnd.nextInt(100_000));
            case 3 -> "0." + "0".repeat(rnd.nextInt(5000)) + "1";
            case 4 -> "'" + "x".repeat(1 << 20) + "'";
            case 5 -> "X'" + "ab".repeat(HostileSql.MAX_BINARY_LITERAL) + "'";
            case 6 -> "9223372036854775808";
            case 7 -> "-2147483649";
            default -> "1" + "0".repeat(400) + ".5e-" + rnd.nextInt(1000);
        };
    }

    private String scramble(String token) {
        if (token.isEmpty()) {
            return "\uD800";
        }
        StringBuilder sb = new StringBuilder(token);
        int i = rnd.nextInt(sb.length());
        char c = switch (rnd.nextInt(4)) {
            case 0 -> (char) rnd.nextInt(32);
            case 1 -> (char) (0xD800 + rnd.nextInt(0x800));
            case 2 -> (char) rnd.nextInt(0x10000);
            default -> "'\"()`;\\".charAt(rnd.nextInt(7));
        };
        sb.insert(i, c);
        return sb.toString();
    }

    private static int findLiteral(List<String> t, int from) {
        for (int k = 0; k < t.size(); k++) {
            String s = t.get((from + k) % t.size());
            if (s.startsWith("'") || Character.isDigit(s.charAt(0)) || s.startsWith("X'")) {
                return (from + k) % t.size();
            }
        }
        return -1;
    }

    private static int findName(List<String> t, int from) {
        for (int k = 0; k < t.size(); k++) {
            String s = t.get((from + k) % t.size());
            if (s.length() <= 2 && Character.isLetter(s.charAt(0)) && !s.equals("AS") && !s.equals("ON")
                && !s.equals("IN") && !s.equals("OR") && !s.equals("BY")) {
                return (from + k) % t.size();
            }
        }
        return -1;
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
