package io.sediment.calcite.rules;

import io.sediment.calcite.rel.LogicalUpsert;
import io.sediment.calcite.rel.SedimentTableModify;
import io.sediment.calcite.schema.SedimentTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;

/** Plans INSERT/UPSERT/UPDATE/DELETE on a {@link SedimentTable} as a {@link SedimentTableModify}. */
public final class SedimentTableModifyRule extends ConverterRule {
    static final Config CONFIG = Config.INSTANCE
            .withConversion(TableModify.class, (TableModify m) -> m.getTable().unwrap(SedimentTable.class) != null,
                    Convention.NONE, EnumerableConvention.INSTANCE, "SedimentTableModifyRule")
            .withRuleFactory(SedimentTableModifyRule::new);

    SedimentTableModifyRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        TableModify m = (TableModify) rel;
        RelNode input = convert(m.getInput(), m.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
        return new SedimentTableModify(m.getCluster(), m.getTraitSet().replace(EnumerableConvention.INSTANCE),
                m.getTable(), m.getCatalogReader(), input, m.getOperation(), m.getUpdateColumnList(),
                m.getSourceExpressionList(), m.isFlattened(), m instanceof LogicalUpsert);
    }
}
