package io.sediment.calcite.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.rel.core.RelFactories;

import java.util.function.Function;

/**
 * A plain, immutable {@link RelRule.Config} for the adapter's rules (Calcite's own rules
 * generate theirs with an annotation processor, which this module does without).
 */
record RuleConfig(String description, RelRule.OperandTransform operandSupplier,
                  RelBuilderFactory relBuilderFactory, Function<RuleConfig, RelOptRule> factory)
        implements RelRule.Config {

    static RuleConfig of(String description, RelRule.OperandTransform operands, Function<RuleConfig, RelOptRule> factory) {
        return new RuleConfig(description, operands, RelFactories.LOGICAL_BUILDER, factory);
    }

    @Override
    public RelOptRule toRule() {
        return factory.apply(this);
    }

    @Override
    public RelRule.Config withRelBuilderFactory(RelBuilderFactory f) {
        return new RuleConfig(description, operandSupplier, f, factory);
    }

    @Override
    public RelRule.Config withDescription(String d) {
        return new RuleConfig(d, operandSupplier, relBuilderFactory, factory);
    }

    @Override
    public RelRule.Config withOperandSupplier(RelRule.OperandTransform t) {
        return new RuleConfig(description, t, relBuilderFactory, factory);
    }
}
