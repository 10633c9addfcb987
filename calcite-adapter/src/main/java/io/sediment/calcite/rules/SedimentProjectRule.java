package io.sediment.calcite.rules;

import io.sediment.calcite.rel.SedimentTableScan;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

import java.util.ArrayList;
import java.util.List;

/**
 * Narrows a {@link SedimentTableScan} to the columns a Project above it uses, so only those are
 * decoded. A Project of plain column references disappears into the scan; one with expressions
 * stays, rewritten over the narrower scan.
 */
public final class SedimentProjectRule extends RelRule<RuleConfig> {
    static final RuleConfig CONFIG = RuleConfig.of("SedimentProjectRule",
            b0 -> b0.operand(Project.class).trait(Convention.NONE)
                    .oneInput(b1 -> b1.operand(SedimentTableScan.class).noInputs()),
            SedimentProjectRule::new);

    SedimentProjectRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Project project = call.rel(0);
        SedimentTableScan scan = call.rel(1);
        int[] current = scan.projection();
        boolean allRefs = project.getProjects().stream().allMatch(e -> e instanceof RexInputRef);
        if (allRefs) {
            int[] next = new int[project.getProjects().size()];
            for (int i = 0; i < next.length; i++) {
                next[i] = current[((RexInputRef) project.getProjects().get(i)).getIndex()];
            }
            call.transformTo(scan.withProjection(next));
            return;
        }
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
        if (used.cardinality() >= current.length) {
            return;
        }
        int[] next = new int[used.cardinality()];
        int i = 0;
        for (int f : used) {
            next[i++] = current[f];
        }
        java.util.Map<Integer, Integer> map = new java.util.HashMap<>();
        for (int f : used) {
            map.put(f, map.size());
        }
        Mappings.TargetMapping mapping = Mappings.target(map, current.length, next.length);
        RexPermuteInputsShuttle shuttle = RexPermuteInputsShuttle.of(mapping);
        List<RexNode> exprs = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            exprs.add(e.accept(shuttle));
        }
        call.transformTo(call.builder().push(scan.withProjection(next))
                .project(exprs, project.getRowType().getFieldNames()).build());
    }
}
