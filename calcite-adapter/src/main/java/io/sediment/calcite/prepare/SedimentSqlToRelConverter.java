package io.sediment.calcite.prepare;

import io.sediment.calcite.rel.LogicalUpsert;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/** Calcite's SQL-to-rel conversion, except that {@code UPSERT INTO} becomes a {@link LogicalUpsert}. */
final class SedimentSqlToRelConverter extends SqlToRelConverter {

    SedimentSqlToRelConverter(RelOptTable.ViewExpander viewExpander, SqlValidator validator,
                              Prepare.CatalogReader catalogReader, RelOptCluster cluster,
                              SqlRexConvertletTable convertletTable, Config config) {
        super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
    }

    @Override
    protected RelNode convertInsert(SqlInsert call) {
        RelNode rel = super.convertInsert(call);
        if (call.isUpsert() && rel instanceof TableModify m) {
            return new LogicalUpsert(m.getCluster(), m.getTable(), (Prepare.CatalogReader) m.getCatalogReader(),
                    m.getInput());
        }
        return rel;
    }
}
