package io.sediment.calcite.system;

import io.sediment.calcite.schema.Session;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A read-only table of {@code SYS} whose rows are computed when it is scanned (from the engine's
 * metrics or the catalog), so it always shows the current state. Column values use Calcite's
 * internal representation (TIMESTAMP as epoch millis).
 */
final class SystemTable extends AbstractTable implements ScannableTable {
    /** One column: name, type, nullability. */
    record Column(String name, SqlTypeName type, boolean nullable) {
    }

    private final Session session;
    private final List<Column> columns;
    private final Function<Session, List<Object[]>> rows;

    private SystemTable(Session session, List<Column> columns, Function<Session, List<Object[]>> rows) {
        this.session = session;
        this.columns = columns;
        this.rows = rows;
    }

    /** Starts a table definition. */
    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final List<Column> columns = new ArrayList<>();

        Builder column(String name, SqlTypeName type) {
            columns.add(new Column(name, type, false));
            return this;
        }

        Builder nullableColumn(String name, SqlTypeName type) {
            columns.add(new Column(name, type, true));
            return this;
        }

        SystemTable rows(Session session, Function<Session, List<Object[]>> rows) {
            return new SystemTable(session, List.copyOf(columns), rows);
        }
    }

    /** JDBC metadata (getTables) lists these as SYSTEM TABLE, apart from the user's tables. */
    @Override
    public Schema.TableType getJdbcTableType() {
        return Schema.TableType.SYSTEM_TABLE;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
        RelDataTypeFactory.Builder b = f.builder();
        for (Column c : columns) {
            b.add(c.name(), f.createTypeWithNullability(f.createSqlType(c.type()), c.nullable()));
        }
        return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return Linq4j.asEnumerable(rows.apply(session));
    }
}
