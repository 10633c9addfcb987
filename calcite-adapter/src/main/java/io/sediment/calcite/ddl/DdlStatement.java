package io.sediment.calcite.ddl;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** A parsed Sediment DDL statement inside Calcite's parse tree; executed by {@link SedimentDdlExecutor}. */
public final class DdlStatement extends SqlDdl {
    private static final SqlOperator CREATE_TABLE = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);
    private static final SqlOperator DROP_TABLE = new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);
    private static final SqlOperator CREATE_SCHEMA = new SqlSpecialOperator("CREATE SCHEMA", SqlKind.CREATE_SCHEMA);
    private static final SqlOperator DROP_SCHEMA = new SqlSpecialOperator("DROP SCHEMA", SqlKind.DROP_SCHEMA);

    private final DdlCommand command;
    private final String sql;

    public DdlStatement(DdlCommand command, String sql) {
        super(operator(command), SqlParserPos.ZERO);
        this.command = command;
        this.sql = sql;
    }

    private static SqlOperator operator(DdlCommand c) {
        if (c instanceof DdlCommand.CreateTable) {
            return CREATE_TABLE;
        }
        if (c instanceof DdlCommand.DropTable) {
            return DROP_TABLE;
        }
        if (c instanceof DdlCommand.CreateSchema) {
            return CREATE_SCHEMA;
        }
        return DROP_SCHEMA;
    }

    public DdlCommand command() {
        return command;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.literal(sql);
    }
}
