package io.sediment.calcite.rel;

import io.sediment.calcite.schema.SedimentTable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * INSERT, UPSERT, UPDATE or DELETE on a Sediment table, in the enumerable convention: the
 * generated code hands the input rows to {@link ModifyRuntime}, which writes them as one batch
 * and returns the row count.
 */
public final class SedimentTableModify extends TableModify implements EnumerableRel {
    private final boolean upsert;

    public SedimentTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
                               Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
                               List<String> updateColumnList, List<RexNode> sourceExpressionList,
                               boolean flattened, boolean upsert) {
        super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList,
                flattened);
        this.upsert = upsert;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SedimentTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), upsert);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("upsert", true, upsert);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        SedimentTable t = getTable().unwrapOrThrow(SedimentTable.class);
        BlockBuilder builder = new BlockBuilder();
        Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression childExp = builder.append("child", child.block);
        Expression rows = builder.append("rows", child.physType.convertTo(childExp, JavaRowFormat.ARRAY));
        ModifySpec.Operation op = switch (getOperation()) {
            case INSERT -> upsert ? ModifySpec.Operation.UPSERT : ModifySpec.Operation.INSERT;
            case UPDATE -> ModifySpec.Operation.UPDATE;
            case DELETE -> ModifySpec.Operation.DELETE;
            default -> throw new UnsupportedOperationException(getOperation() + " is not supported; use UPSERT");
        };
        int[] updateColumns = new int[0];
        if (op == ModifySpec.Operation.UPDATE) {
            List<String> names = getUpdateColumnList();
            updateColumns = new int[names.size()];
            for (int i = 0; i < updateColumns.length; i++) {
                updateColumns[i] = t.def().columnIndex(names.get(i));
            }
        }
        ModifySpec spec = new ModifySpec(t.session(), t.def(), op, updateColumns);
        builder.add(Expressions.return_(null, Expressions.call(ModifyRuntime.class, "scalar",
                implementor.getRootExpression(), implementor.stash(spec, ModifySpec.class), rows)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
        return implementor.result(physType, builder.toBlock());
    }
}
