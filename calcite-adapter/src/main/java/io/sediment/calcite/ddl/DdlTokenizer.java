package io.sediment.calcite.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits DDL text into tokens: identifiers (unquoted ones upper-cased, {@code "quoted"} ones
 * kept exactly), numbers, single-quoted strings and punctuation; skips whitespace and
 * {@code --} / block comments.
 */
final class DdlTokenizer {
    enum Kind { WORD, QUOTED, NUMBER, STRING, SYMBOL, END }

    record Token(Kind kind, String text, int position) {
        boolean isWord(String w) {
            return kind == Kind.WORD && text.equals(w);
        }

        boolean isSymbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }

        String shown() {
            return kind == Kind.END ? "end of statement" : "'" + text + "'";
        }
    }

    private DdlTokenizer() {
    }

    static List<Token> tokenize(String sql) throws DdlParseException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new DdlParseException("unterminated comment", i);
                }
                i = end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, sql.substring(start, i).toUpperCase(Locale.ROOT), start));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(start, i), start));
            } else if (c == '"' || c == '\'') {
                int start = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DdlParseException("unterminated " + (c == '"' ? "quoted identifier" : "string"), start);
                    }
                    char d = sql.charAt(i);
                    if (d == c) {
                        if (i + 1 < n && sql.charAt(i + 1) == c) {
                            sb.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                if (c == '"' && sb.length() == 0) {
                    throw new DdlParseException("empty quoted identifier", start);
                }
                out.add(new Token(c == '"' ? Kind.QUOTED : Kind.STRING, sb.toString(), start));
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                i++;
            }
        }
        out.add(new Token(Kind.END, "", n));
        return out;
    }
}
