package io.sediment.calcite.ddl;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;

import java.io.StringReader;
import java.util.List;

/**
 * Calcite's generated parser with these changes: statements starting with a DDL keyword are parsed
 * by {@link DdlParser}; an empty statement, one nested too deeply for the parser's stack and one
 * over the {@link StatementLimits} are refused with a message saying so; and {@code CALL proc(args)} becomes {@code SELECT * FROM TABLE(proc(args))}
 * so that a procedure runs when executed (never while planning) and returns its one-row result.
 */
final class SedimentSqlParserImpl extends SqlParserImpl {
    private final String sql;

    SedimentSqlParserImpl(String sql) {
        super(new StringReader(sql));
        this.sql = sql;
    }

    @Override
    public SqlNode parseSqlStmtEof() throws Exception {
        if (sql.isBlank()) {
            throw new SqlParseException("empty statement: there is nothing to run", null, null, null, null);
        }
        if (DdlParser.DDL_KEYWORDS.contains(DdlParser.firstKeyword(sql))) {
            try {
                return new DdlStatement(DdlParser.parse(sql), sql);
            } catch (DdlParseException e) {
                throw new SqlParseException(e.getMessage(), null, null, null, e);
            }
        }
        try {
            StatementLimits.checkText(sql);
        } catch (IllegalArgumentException e) {
            throw new SqlParseException(e.getMessage(), null, null, null, e);
        }
        SqlNode node;
        try {
            node = super.parseSqlStmtEof();
        } catch (StackOverflowError e) {
            throw new SqlParseException("statement nested too deeply to parse; simplify it", null, null, null, null);
        }
        try {
            StatementLimits.check(node);
        } catch (IllegalArgumentException e) {
            throw new SqlParseException(e.getMessage(), null, null, null, e);
        } catch (StackOverflowError e) {
            throw new SqlParseException("statement nested too deeply; simplify it", null, null, null, null);
        }
        if (node.getKind() == SqlKind.PROCEDURE_CALL) {
            SqlCall call = ((SqlCall) node).operand(0);
            SqlParserPos pos = node.getParserPosition();
            SqlIdentifier name = call.getOperator() instanceof SqlFunction f && f.getSqlIdentifier() != null
                    ? f.getSqlIdentifier() : new SqlIdentifier(call.getOperator().getName(), pos);
            SqlNode routine = createCall(name, pos, SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION, null,
                    call.getOperandList());
            return new SqlSelect(pos, null, new SqlNodeList(List.of(SqlIdentifier.star(pos)), pos),
                    SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, routine),
                    null, null, null, null, null, null, null, null, null);
        }
        return node;
    }
}
