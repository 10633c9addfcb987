package io.sediment.calcite.ddl;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Limits on the shape of a parsed statement, checked before validation and planning, for
 * statements whose cost in Calcite grows much faster than their size: binary literals are
 * compiled into generated code (one over about 8 KB fails only after time quadratic in its size)
 * and planning time grows faster than linearly with the width of a select list. A statement over
 * a limit is refused at once with a message that says which limit and what to do instead, so
 * that one request cannot keep a server core busy for minutes. Stateless.
 */
final class StatementLimits {
    /** Longest binary literal ({@code X'…'}), in bytes; longer values go in as parameters. */
    static final int MAX_BINARY_LITERAL_BYTES = 4_096;
    /** Most items in one select list (PostgreSQL's limit on a target list is 1,664). */
    static final int MAX_SELECT_ITEMS = 1_664;

    private StatementLimits() {
    }

    /**
     * Checks the binary literals ({@code X'…'}) of a statement's text before it is parsed: the
     * parser's conversion of one is quadratic in its length (a 512 KB literal takes half a minute).
     * A literal is measured with the parts SQL joins to it ({@code X'ab' 'cd'}, whitespace or
     * comments between), each of which the parser converts the same way. Skips string literals,
     * quoted identifiers and comments.
     *
     * @throws IllegalArgumentException naming the limit a literal exceeds
     */
    static void checkText(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int next = skipComment(sql, i);
            if (next != i) {
                i = next;
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\''
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                i = checkBinaryLiteral(sql, i + 1);
            } else {
                i++;
            }
        }
    }

    /** Measures the binary literal whose first part is quoted at {@code start}; returns the index past it. */
    private static int checkBinaryLiteral(String sql, int start) {
        long hexDigits = 0;
        int part = start;
        int end;
        do {
            end = skipQuoted(sql, part, '\'');
            hexDigits += end - part - 2;
            part = skipSpaceAndComments(sql, end);
        } while (part < sql.length() && sql.charAt(part) == '\'');
        if (hexDigits / 2 > MAX_BINARY_LITERAL_BYTES) {
            throw tooLong(hexDigits / 2);
        }
        return end;
    }

    private static int skipSpaceAndComments(String sql, int i) {
        while (i < sql.length()) {
            int next = skipComment(sql, i);
            if (next != i) {
                i = next;
            } else if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index just past the comment that starts at {@code i}, or {@code i} if none does. */
    private static int skipComment(String sql, int i) {
        int n = sql.length();
        if (i + 1 < n && sql.charAt(i) == '-' && sql.charAt(i + 1) == '-') {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? n : eol + 1;
        }
        if (i + 1 < n && sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        return i;
    }

    /** The index just past the quoted text that starts at {@code start} (a doubled quote escapes it). */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static IllegalArgumentException tooLong(long bytes) {
        return new IllegalArgumentException("binary literal of " + bytes + " bytes is longer than the limit of "
                + MAX_BINARY_LITERAL_BYTES + " bytes; pass large values as statement parameters");
    }

    /**
     * Checks the parsed statement: the width of every select list.
     *
     * @throws IllegalArgumentException naming the limit {@code statement} exceeds
     */
    static void check(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select && select.getSelectList() != null
                        && select.getSelectList().size() > MAX_SELECT_ITEMS) {
                    throw new IllegalArgumentException("select list of " + select.getSelectList().size()
                            + " items is longer than the limit of " + MAX_SELECT_ITEMS);
                }
                return super.visit(call);
            }
        });
    }
}
