package io.sediment.calcite.rules;

import io.sediment.calcite.rel.BoundValue;
import io.sediment.calcite.rel.SedimentTableScan;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.util.List;
import java.util.Set;

/**
 * Removes a Sort whose order the {@link SedimentTableScan} below already delivers (a prefix of
 * the primary key, ascending, where key columns fixed to one value by the scan's ranges may be
 * left out or appear anywhere: {@code WHERE a = 1 ORDER BY b} on key (a, b)), and pushes its OFFSET/FETCH into the scan so the scan stops early.
 */
public final class SedimentSortRule extends RelRule<RuleConfig> {
    static final RuleConfig CONFIG = RuleConfig.of("SedimentSortRule",
            b0 -> b0.operand(Sort.class)
                    .oneInput(b1 -> b1.operand(SedimentTableScan.class).predicate(s -> !s.hasLimit()).noInputs()),
            SedimentSortRule::new);

    SedimentSortRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        SedimentTableScan scan = call.rel(1);
        Set<Integer> constant = scan.singleValueFields();
        List<RelFieldCollation> wanted = sort.getCollation().getFieldCollations().stream()
                .filter(f -> !constant.contains(f.getFieldIndex())).toList();
        List<RelFieldCollation> have = scan.keyCollation().getFieldCollations();
        if (wanted.size() > have.size()) {
            return;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i).getFieldIndex() != have.get(i).getFieldIndex()
                    || wanted.get(i).getDirection() != RelFieldCollation.Direction.ASCENDING) {
                return;
            }
        }
        BoundValue offset = value(sort.offset);
        BoundValue fetch = value(sort.fetch);
        if ((sort.offset != null && offset == null) || (sort.fetch != null && fetch == null)) {
            return;
        }
        call.transformTo(scan.withLimit(offset, fetch));
    }

    private static BoundValue value(RexNode e) {
        if (e instanceof RexLiteral lit) {
            Number n = lit.getValueAs(Long.class);
            return n == null ? null : BoundValue.of(n.longValue());
        }
        if (e instanceof RexDynamicParam p) {
            return BoundValue.parameter(p.getIndex());
        }
        return null;
    }
}
