package io.sediment.calcite.rules;

import io.sediment.calcite.rel.KeyRangeAnalyzer;
import io.sediment.calcite.rel.SedimentTableScan;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;

/**
 * Pushes key predicates of a Filter into the {@link SedimentTableScan} below it as key ranges
 * ({@link KeyRangeAnalyzer}); what the ranges do not enforce stays in a Filter above the scan.
 * Fires only on a scan without ranges or limit (a limit must apply after the filter).
 */
public final class SedimentFilterRule extends RelRule<RuleConfig> {
    static final RuleConfig CONFIG = RuleConfig.of("SedimentFilterRule",
            b0 -> b0.operand(Filter.class).trait(Convention.NONE)
                    .oneInput(b1 -> b1.operand(SedimentTableScan.class)
                            .predicate(s -> s.ranges() == null && !s.hasLimit()).noInputs()),
            SedimentFilterRule::new);

    SedimentFilterRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Filter filter = call.rel(0);
        SedimentTableScan scan = call.rel(1);
        KeyRangeAnalyzer.Result r = KeyRangeAnalyzer.analyze(filter.getCondition(), scan.sedimentTable().def(),
                scan.projection());
        if (r == null) {
            return;
        }
        SedimentTableScan narrowed = scan.withRanges(r.spec());
        if (r.residual().isEmpty()) {
            call.transformTo(narrowed);
        } else {
            call.transformTo(call.builder().push(narrowed).filter(r.residual()).build());
        }
    }
}
