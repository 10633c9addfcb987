package io.sediment.calcite.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;

import java.util.List;

/**
 * The logical form of {@code UPSERT INTO}: an INSERT that replaces existing rows. Calcite's
 * relational algebra has no UPSERT, so the SQL-to-rel step marks it with this class.
 */
public final class LogicalUpsert extends TableModify {
    public LogicalUpsert(RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalogReader, RelNode input) {
        super(cluster, cluster.traitSetOf(Convention.NONE), table, catalogReader, input, Operation.INSERT, null, null,
                false);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new LogicalUpsert(getCluster(), getTable(), getCatalogReader(), sole(inputs));
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("upsert", true);
    }
}
