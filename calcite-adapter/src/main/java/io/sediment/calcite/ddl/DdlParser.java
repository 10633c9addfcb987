package io.sediment.calcite.ddl;

import io.sediment.calcite.catalog.ColumnDef;
import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.ddl.DdlTokenizer.Kind;
import io.sediment.calcite.ddl.DdlTokenizer.Token;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the DDL Sediment supports:
 *
 * <pre>
 * CREATE TABLE [IF NOT EXISTS] [schema.]name (
 *     column type [NOT NULL | NULL] [PRIMARY KEY], ...
 *     [, [CONSTRAINT c] PRIMARY KEY (column, ...)] )
 * DROP TABLE [IF EXISTS] [schema.]name
 * CREATE SCHEMA [IF NOT EXISTS] name
 * DROP SCHEMA [IF EXISTS] name [RESTRICT]
 * </pre>
 *
 * Every other CREATE/DROP/ALTER is refused with a message naming it; statements that would load
 * Java classes, libraries or adapters (CREATE FUNCTION, CREATE TYPE, CREATE FOREIGN SCHEMA, JARs)
 * are refused explicitly, since the server exposes DDL to remote clients.
 */
public final class DdlParser {
    /** Leading keywords that make a statement DDL. */
    public static final Set<String> DDL_KEYWORDS = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE");
    /** The SQL parser's reserved words: a table or schema named by one could not be queried unquoted. */
    private static final SqlAbstractParserImpl.Metadata RESERVED =
            SqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
    private static final Set<String> CODE_LOADING = Set.of("FUNCTION", "TYPE", "FOREIGN", "JAR", "LIBRARY",
            "PROCEDURE", "TRIGGER", "AGGREGATE");

    private final List<Token> tokens;
    private int pos;

    private DdlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The first keyword of {@code sql} (upper case), or "" if it does not start with a word. */
    public static String firstKeyword(String sql) {
        try {
            Token t = DdlTokenizer.tokenize(sql).get(0);
            return t.kind() == Kind.WORD ? t.text() : "";
        } catch (DdlParseException e) {
            return "";
        }
    }

    public static DdlCommand parse(String sql) throws DdlParseException {
        DdlParser p = new DdlParser(DdlTokenizer.tokenize(sql));
        DdlCommand c = p.statement();
        if (p.peek().isSymbol(";")) {
            p.pos++;
        }
        if (p.peek().kind() != Kind.END) {
            throw p.error("unexpected " + p.peek().shown() + " after the end of the statement");
        }
        return c;
    }

    private DdlCommand statement() throws DdlParseException {
        Token verb = next();
        if (verb.isWord("CREATE")) {
            if (accept("OR")) {
                expect("REPLACE");
                throw error("CREATE OR REPLACE is not supported");
            }
            Token what = next();
            if (what.isWord("TABLE")) {
                return createTable();
            }
            if (what.isWord("SCHEMA")) {
                boolean ifNotExists = ifNotExists();
                return new DdlCommand.CreateSchema(objectName("schema name"), ifNotExists);
            }
            throw unsupported("CREATE", what);
        }
        if (verb.isWord("DROP")) {
            Token what = next();
            if (what.isWord("TABLE")) {
                boolean ifExists = ifExists();
                String[] name = qualifiedName();
                return new DdlCommand.DropTable(name[0], name[1], ifExists);
            }
            if (what.isWord("SCHEMA")) {
                boolean ifExists = ifExists();
                String name = objectName("schema name");
                if (accept("CASCADE")) {
                    throw error("DROP SCHEMA ... CASCADE is not supported: drop the schema's tables first");
                }
                accept("RESTRICT");
                return new DdlCommand.DropSchema(name, ifExists);
            }
            throw unsupported("DROP", what);
        }
        throw error(verb.text() + " statements are not supported (supported DDL: CREATE TABLE, DROP TABLE, "
                + "CREATE SCHEMA, DROP SCHEMA)");
    }

    private DdlParseException unsupported(String verb, Token what) {
        if (what.kind() == Kind.WORD && CODE_LOADING.contains(what.text())) {
            return new DdlParseException(verb + " " + what.text() + " is refused: Sediment does not load Java "
                    + "classes, libraries or adapters through SQL", what.position());
        }
        return new DdlParseException(verb + " " + what.text() + " is not supported (supported DDL: CREATE TABLE, "
                + "DROP TABLE, CREATE SCHEMA, DROP SCHEMA)", what.position());
    }

    private DdlCommand createTable() throws DdlParseException {
        boolean ifNotExists = ifNotExists();
        String[] name = qualifiedName();
        if (peek().isWord("AS")) {
            throw error("CREATE TABLE ... AS SELECT is not supported: create the table, then INSERT ... SELECT");
        }
        expectSymbol("(");
        List<ColumnDef> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        boolean tablePk = false;
        do {
            if (peek().isWord("CONSTRAINT") || peek().isWord("PRIMARY")) {
                if (accept("CONSTRAINT")) {
                    identifier("constraint name");
                }
                expect("PRIMARY");
                expect("KEY");
                if (!pk.isEmpty()) {
                    throw error("table " + name[1] + " declares its primary key twice");
                }
                tablePk = true;
                expectSymbol("(");
                do {
                    pk.add(identifier("column name"));
                } while (acceptSymbol(","));
                expectSymbol(")");
                continue;
            }
            if (peek().isWord("UNIQUE") || peek().isWord("FOREIGN") || peek().isWord("CHECK")) {
                throw error(peek().text() + " constraints are not supported (the primary key is the only index)");
            }
            String col = identifier("column name");
            ColumnType type = type();
            boolean nullable = true;
            boolean explicitNull = false;
            while (true) {
                if (accept("NOT")) {
                    expect("NULL");
                    nullable = false;
                } else if (accept("NULL")) {
                    explicitNull = true;
                } else if (accept("PRIMARY")) {
                    expect("KEY");
                    if (!pk.isEmpty()) {
                        throw error("table " + name[1] + " declares its primary key twice");
                    }
                    pk.add(col);
                } else if (peek().isWord("DEFAULT")) {
                    throw error("DEFAULT values are not supported");
                } else {
                    break;
                }
            }
            if (explicitNull && pk.contains(col) && !tablePk) {
                throw error("primary-key column " + col + " cannot be NULL");
            }
            columns.add(new ColumnDef(col, type, nullable));
        } while (acceptSymbol(","));
        expectSymbol(")");
        if (pk.isEmpty()) {
            throw error("table " + name[1] + " needs a PRIMARY KEY: every Sediment table is stored in key order");
        }
        return new DdlCommand.CreateTable(name[0], name[1], ifNotExists, columns, pk);
    }

    private ColumnType type() throws DdlParseException {
        Token t = next();
        if (t.kind() != Kind.WORD) {
            throw error("expected a column type but found " + t.shown());
        }
        switch (t.text()) {
            case "BOOLEAN":
                return ColumnType.of(ColumnType.Kind.BOOLEAN);
            case "TINYINT":
                return ColumnType.of(ColumnType.Kind.TINYINT);
            case "SMALLINT":
                return ColumnType.of(ColumnType.Kind.SMALLINT);
            case "INT":
            case "INTEGER":
                return ColumnType.of(ColumnType.Kind.INTEGER);
            case "BIGINT":
                return ColumnType.of(ColumnType.Kind.BIGINT);
            case "REAL":
                return ColumnType.of(ColumnType.Kind.REAL);
            case "FLOAT":
                return ColumnType.of(ColumnType.Kind.DOUBLE);
            case "DOUBLE":
                accept("PRECISION");
                return ColumnType.of(ColumnType.Kind.DOUBLE);
            case "DECIMAL":
            case "DEC":
            case "NUMERIC": {
                int p = 19;
                int s = 0;
                if (acceptSymbol("(")) {
                    p = number();
                    if (acceptSymbol(",")) {
                        s = number();
                    }
                    expectSymbol(")");
                }
                if (p < 1 || s > p) {
                    throw error("DECIMAL(" + p + ", " + s + ") is not a valid precision and scale");
                }
                return new ColumnType(ColumnType.Kind.DECIMAL, p, s);
            }
            case "CHAR":
            case "CHARACTER":
                if (accept("VARYING")) {
                    return new ColumnType(ColumnType.Kind.VARCHAR, length(ColumnType.UNSPECIFIED), ColumnType.UNSPECIFIED);
                }
                return new ColumnType(ColumnType.Kind.CHAR, length(1), ColumnType.UNSPECIFIED);
            case "VARCHAR":
                return new ColumnType(ColumnType.Kind.VARCHAR, length(ColumnType.UNSPECIFIED), ColumnType.UNSPECIFIED);
            case "BINARY":
                expect("VARYING");
                return new ColumnType(ColumnType.Kind.VARBINARY, length(ColumnType.UNSPECIFIED), ColumnType.UNSPECIFIED);
            case "VARBINARY":
                return new ColumnType(ColumnType.Kind.VARBINARY, length(ColumnType.UNSPECIFIED), ColumnType.UNSPECIFIED);
            case "DATE":
                return ColumnType.of(ColumnType.Kind.DATE);
            case "TIME":
                return new ColumnType(ColumnType.Kind.TIME, fractionDigits(), ColumnType.UNSPECIFIED);
            case "TIMESTAMP":
                return new ColumnType(ColumnType.Kind.TIMESTAMP, fractionDigits(), ColumnType.UNSPECIFIED);
            default:
                throw new DdlParseException("unknown or unsupported column type " + t.text() + " (supported: BOOLEAN, "
                        + "TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL(p,s), CHAR(n), VARCHAR(n), "
                        + "VARBINARY(n), DATE, TIME, TIMESTAMP)", t.position());
        }
    }

    private int length(int dflt) throws DdlParseException {
        if (acceptSymbol("(")) {
            int n = number();
            expectSymbol(")");
            if (n < 1 && dflt != 0) {
                throw error("a length must be at least 1");
            }
            return n;
        }
        return dflt;
    }

    /** Optional (p) of TIME/TIMESTAMP: digits of fractional seconds, 0..3 (stored as milliseconds). */
    private int fractionDigits() throws DdlParseException {
        if (!acceptSymbol("(")) {
            return ColumnType.UNSPECIFIED;
        }
        int p = number();
        expectSymbol(")");
        if (p > 3) {
            throw error("fractional seconds precision " + p + " is not supported (at most 3: milliseconds)");
        }
        return p;
    }

    private int number() throws DdlParseException {
        Token t = next();
        if (t.kind() != Kind.NUMBER) {
            throw new DdlParseException("expected a number but found " + t.shown(), t.position());
        }
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw new DdlParseException("number " + t.text() + " is too large", t.position());
        }
    }

    private boolean ifNotExists() throws DdlParseException {
        if (accept("IF")) {
            expect("NOT");
            expect("EXISTS");
            return true;
        }
        return false;
    }

    private boolean ifExists() throws DdlParseException {
        if (accept("IF")) {
            expect("EXISTS");
            return true;
        }
        return false;
    }

    private String[] qualifiedName() throws DdlParseException {
        String first = objectName("table name");
        if (acceptSymbol(".")) {
            return new String[] {first, objectName("table name")};
        }
        return new String[] {null, first};
    }

    private String identifier(String what) throws DdlParseException {
        Token t = next();
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
            throw new DdlParseException("expected a " + what + " but found " + t.shown(), t.position());
        }
        return t.text();
    }

    /**
     * A table or schema name: an identifier that, unquoted, is no reserved word — no query could
     * name it, so it is refused rather than created. (A reserved column name is allowed: SELECT *
     * reads it and queries can quote it.)
     */
    private String objectName(String what) throws DdlParseException {
        Token t = peek();
        String name = identifier(what);
        if (t.kind() == Kind.WORD && RESERVED.isReservedWord(name)) {
            throw new DdlParseException(name + " is a reserved word and cannot be a " + what
                    + " unless quoted (\"" + name + "\")", t.position());
        }
        return name;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean accept(String word) {
        if (peek().isWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String word) throws DdlParseException {
        if (!accept(word)) {
            throw error("expected " + word + " but found " + peek().shown());
        }
    }

    private void expectSymbol(String s) throws DdlParseException {
        if (!acceptSymbol(s)) {
            throw error("expected '" + s + "' but found " + peek().shown());
        }
    }

    private DdlParseException error(String message) {
        return new DdlParseException(message, peek().position());
    }
}
