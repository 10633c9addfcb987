package io.sediment.calcite.ddl;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.BitString;

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
     * Skips string literals, quoted identifiers and comments.
     *
     * @throws IllegalArgumentException naming the limit a literal exceeds
     */
    static void checkText(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\''
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                int end = skipQuoted(sql, i + 1, '\'');
                long bytes = (end - i - 3) / 2L;
                if (bytes > MAX_BINARY_LITERAL_BYTES) {
                    throw tooLong(bytes);
                }
                i = end;
            } else {
                i++;
            }
        }
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

    private static long binaryBytes(SqlLiteral literal) {
        return literal.getTypeName() == SqlTypeName.BINARY && literal.getValue() instanceof BitString bits
                ? bits.getBitCount() / 8 : 0;
    }

    private static void checkBinaryBytes(long bytes) {
        if (bytes > MAX_BINARY_LITERAL_BYTES) {
            throw tooLong(bytes);
        }
    }

    private static IllegalArgumentException tooLong(long bytes) {
        return new IllegalArgumentException("binary literal of " + bytes + " bytes is longer than the limit of "
                + MAX_BINARY_LITERAL_BYTES + " bytes; pass large values as statement parameters");
    }

    /**
     * Checks the parsed statement: the width of every select list, and binary literals again as
     * a whole, since the text check measures each quoted part alone and SQL joins adjacent parts
     * ({@code X'ab' 'cd'}) into one literal — a chain of small parts costs no quadratic parse, but
     * compiles into code as one large literal.
     *
     * @throws IllegalArgumentException naming the limit {@code statement} exceeds
     */
    static void check(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlLiteral literal) {
                checkBinaryBytes(binaryBytes(literal));
                return null;
            }

            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.LITERAL_CHAIN) {
                    long bytes = 0;
                    for (SqlNode part : call.getOperandList()) {
                        bytes += part instanceof SqlLiteral l ? binaryBytes(l) : 0;
                    }
                    checkBinaryBytes(bytes);
                }
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
