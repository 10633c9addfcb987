package io.sediment.calcite.prepare;

import io.sediment.calcite.rules.SedimentRules;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;

import java.lang.reflect.Type;

/**
 * Calcite's statement preparation with Sediment's additions: the adapter's planner rules are
 * always registered (also for INSERT ... VALUES, which has no scan to register them), UPSERT is
 * kept distinct from INSERT, and every execution gets a {@code StatementScope} so that all its
 * scans read one engine snapshot.
 */
public final class SedimentPrepare extends CalcitePrepareImpl {

    @Override
    protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
                                          org.apache.calcite.plan.Context externalContext,
                                          RelOptCostFactory costFactory) {
        RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
        for (RelOptRule r : SedimentRules.ALL) {
            planner.addRule(r);
        }
        return planner;
    }

    @Override
    protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
                                                    CalciteCatalogReader catalogReader, RelOptPlanner planner) {
        EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
                : EnumerableRel.Prefer.CUSTOM;
        return new SedimentPreparingStmt(this, context, catalogReader, context.getTypeFactory(),
                context.getRootSchema(), prefer, createCluster(planner, new RexBuilder(context.getTypeFactory())),
                EnumerableConvention.INSTANCE, createConvertletTable());
    }
}
