package io.sediment.calcite.rules;

import org.apache.calcite.plan.RelOptRule;

import java.util.List;

/** The planner rules of the adapter, registered by the scan and by the connection's planner. */
public final class SedimentRules {
    private SedimentRules() {
    }

    public static final RelOptRule FILTER = SedimentFilterRule.CONFIG.toRule();
    public static final RelOptRule PROJECT = SedimentProjectRule.CONFIG.toRule();
    public static final RelOptRule SORT = SedimentSortRule.CONFIG.toRule();
    public static final RelOptRule TABLE_MODIFY = SedimentTableModifyRule.CONFIG.toRule();

    public static final List<RelOptRule> ALL = List.of(FILTER, PROJECT, SORT, TABLE_MODIFY);
}
