package io.sediment.calcite.schema;

import io.sediment.calcite.catalog.ColumnDef;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.rel.SedimentTableScan;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;

/**
 * A user table as Calcite sees it: its row type from the catalog, statistics (exact row count
 * kept by the catalog, the primary key as the unique key, rows ordered by the key) and
 * translation to a {@link SedimentTableScan}, which the rules in {@code rules} narrow to key
 * ranges. DML on it is planned by {@code SedimentTableModifyRule}.
 */
public final class SedimentTable extends AbstractTable implements TranslatableTable {
    private final Session session;
    private final TableDef def;

    public SedimentTable(Session session, TableDef def) {
        this.session = session;
        this.def = def;
    }

    public TableDef def() {
        return def;
    }

    public Session session() {
        return session;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (ColumnDef c : def.columns()) {
            b.add(c.name(), c.type().toRelType(typeFactory, c.nullable()));
        }
        return b.build();
    }

    public long rowCount() {
        return session.database().catalog().rowCount(def.id());
    }

    /**
     * The row count only. Keys and collations are deliberately not reported here: Calcite reads them
     * against the scan's row type, and a {@code SedimentTableScan} that decodes only some columns has
     * a narrower row type than the table, so table-level positions would be misread (an aggregate on
     * a non-key column was once dropped as "already unique"). The scan states its own sort order as a
     * trait instead.
     */
    @Override
    public Statistic getStatistic() {
        return Statistics.of(Math.max(1, rowCount()), List.of());
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return SedimentTableScan.create(context.getCluster(), relOptTable, this);
    }

    @Override
    public String toString() {
        return "SedimentTable(" + def.qualifiedName() + ")";
    }
}
