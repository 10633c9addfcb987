package io.sediment.calcite.schema;

import io.sediment.calcite.catalog.ColumnDef;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.rel.SedimentTableScan;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
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

    /** The key order as a collation over table columns. */
    public RelCollation keyCollation() {
        List<RelFieldCollation> fields = new ArrayList<>();
        for (int k : def.primaryKey()) {
            fields.add(new RelFieldCollation(k, RelFieldCollation.Direction.ASCENDING,
                    RelFieldCollation.NullDirection.LAST));
        }
        return RelCollations.of(fields);
    }

    public long rowCount() {
        return session.database().catalog().rowCount(def.id());
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(Math.max(1, rowCount()), List.of(ImmutableBitSet.of(def.primaryKey())),
                List.of(keyCollation()));
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
