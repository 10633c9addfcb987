package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.rules.SedimentRules;
import io.sediment.calcite.schema.SedimentTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Sediment table: the key ranges pushed into it (null = whole table), only the
 * projected columns, at most {@code offset + fetch} rows. Emits rows in primary-key order, which
 * its collation trait declares so that {@code ORDER BY} the key needs no sort. Runs in the
 * enumerable convention through {@link ScanRuntime}.
 *
 * <p>EXPLAIN shows e.g. {@code SedimentTableScan(table=[[PUBLIC, T]], ranges=[[5..5], (10..20]], fetch=[10])}.
 */
public final class SedimentTableScan extends TableScan implements EnumerableRel {
    private final SedimentTable sedimentTable;
    private final int[] projection;
    private final KeyRangeSpec ranges;
    private final BoundValue offset;
    private final BoundValue fetch;

    private SedimentTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
                              SedimentTable sedimentTable, int[] projection, KeyRangeSpec ranges,
                              BoundValue offset, BoundValue fetch) {
        super(cluster, traits, List.of(), table);
        this.sedimentTable = sedimentTable;
        this.projection = projection;
        this.ranges = ranges;
        this.offset = offset;
        this.fetch = fetch;
    }

    /** A scan of the whole table, all columns. */
    public static SedimentTableScan create(RelOptCluster cluster, RelOptTable table, SedimentTable t) {
        int[] all = new int[t.def().columns().size()];
        Arrays.setAll(all, i -> i);
        return make(cluster, table, t, all, null, null, null);
    }

    private static SedimentTableScan make(RelOptCluster cluster, RelOptTable table, SedimentTable t, int[] projection,
                                          KeyRangeSpec ranges, BoundValue offset, BoundValue fetch) {
        RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE)
                .replaceIfs(RelCollationTraitDef.INSTANCE, () -> collations(t.def(), projection, ranges));
        return new SedimentTableScan(cluster, traits, table, t, projection, ranges, offset, fetch);
    }

    /**
     * The order the scan delivers, in terms of the projected fields: the primary key columns in
     * order up to the first key column that is not projected. Key columns fixed to one value by
     * the ranges (see {@link KeyRangeSpec#singleValue}) may be skipped or kept, so with a
     * fixed-prefix range there are two collations: {@code [a, b]} and {@code [b]} for
     * {@code WHERE a = 1} on key (a, b).
     */
    static List<RelCollation> collations(TableDef def, int[] projection, KeyRangeSpec ranges) {
        RelCollation withFixed = collation(def, projection, ranges, false);
        RelCollation withoutFixed = collation(def, projection, ranges, true);
        return withFixed.equals(withoutFixed) ? List.of(withFixed) : List.of(withFixed, withoutFixed);
    }

    private static RelCollation collation(TableDef def, int[] projection, KeyRangeSpec ranges, boolean skipFixed) {
        List<RelFieldCollation> fields = new ArrayList<>();
        int[] pk = def.primaryKey();
        for (int i = 0; i < pk.length; i++) {
            boolean fixed = ranges != null && ranges.singleValue(i);
            int at = fieldOf(projection, pk[i]);
            if (fixed && skipFixed) {
                continue;
            }
            if (at < 0) {
                break;
            }
            fields.add(new RelFieldCollation(at, RelFieldCollation.Direction.ASCENDING,
                    RelFieldCollation.NullDirection.LAST));
        }
        return RelCollations.of(fields);
    }

    private static int fieldOf(int[] projection, int column) {
        for (int i = 0; i < projection.length; i++) {
            if (projection[i] == column) {
                return i;
            }
        }
        return -1;
    }

    /** The projected fields that hold one value in every row (key columns fixed by the ranges). */
    public Set<Integer> singleValueFields() {
        Set<Integer> fields = new HashSet<>();
        int[] pk = sedimentTable.def().primaryKey();
        for (int i = 0; i < pk.length; i++) {
            int at = fieldOf(projection, pk[i]);
            if (ranges != null && ranges.singleValue(i) && at >= 0) {
                fields.add(at);
            }
        }
        return fields;
    }

    public SedimentTableScan withRanges(KeyRangeSpec newRanges) {
        return make(getCluster(), table, sedimentTable, projection, newRanges, offset, fetch);
    }

    public SedimentTableScan withProjection(int[] newProjection) {
        return make(getCluster(), table, sedimentTable, newProjection, ranges, offset, fetch);
    }

    public SedimentTableScan withLimit(BoundValue newOffset, BoundValue newFetch) {
        return make(getCluster(), table, sedimentTable, projection, ranges, newOffset, newFetch);
    }

    public SedimentTable sedimentTable() {
        return sedimentTable;
    }

    public int[] projection() {
        return projection.clone();
    }

    public KeyRangeSpec ranges() {
        return ranges;
    }

    public boolean hasLimit() {
        return offset != null || fetch != null;
    }

    /** The key order the scan delivers, leaving out key columns fixed to one value by the ranges. */
    public RelCollation keyCollation() {
        return collation(sedimentTable.def(), projection, ranges, true);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SedimentTableScan(getCluster(), traitSet, table, sedimentTable, projection, ranges, offset, fetch);
    }

    @Override
    public void register(RelOptPlanner planner) {
        for (RelOptRule r : SedimentRules.ALL) {
            planner.addRule(r);
        }
    }

    @Override
    public RelDataType deriveRowType() {
        List<RelDataTypeField> fields = table.getRowType().getFieldList();
        RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
        for (int c : projection) {
            b.add(fields.get(c));
        }
        return b.build();
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        TableDef def = sedimentTable.def();
        List<String> names = new ArrayList<>();
        for (int c : projection) {
            names.add(def.columns().get(c).name());
        }
        return super.explainTerms(pw)
                .itemIf("projection", names, projection.length != def.columns().size() || !isIdentity())
                .itemIf("ranges", ranges == null ? "" : ranges.describe(def), ranges != null)
                .itemIf("offset", offset == null ? "" : describe(offset), offset != null)
                .itemIf("fetch", fetch == null ? "" : describe(fetch), fetch != null);
    }

    private static String describe(BoundValue v) {
        return v.parameter() >= 0 ? "?" + v.parameter() : String.valueOf(v.constant());
    }

    private boolean isIdentity() {
        for (int i = 0; i < projection.length; i++) {
            if (projection[i] != i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double base = Math.max(1, sedimentTable.rowCount());
        double rows = base;
        if (ranges != null) {
            rows = 0;
            for (KeyRangeSpec.Branch b : ranges.branches()) {
                double points = 1;
                boolean allPoints = true;
                for (int c = 0; c < b.depth(); c++) {
                    if (b.pointColumn(c)) {
                        points *= b.columns().get(c).stream().filter(ColumnPredicate::points)
                                .mapToInt(p -> p.intervals().size()).min().orElse(1);
                    } else {
                        allPoints = false;
                        points *= b.columns().get(c).get(0).intervals().size();
                    }
                }
                boolean full = allPoints && b.depth() == sedimentTable.def().primaryKey().length;
                rows += full ? points : Math.max(1, points * base * Math.pow(0.1, b.depth()));
            }
            rows = Math.min(rows, base);
        }
        if (fetch != null) {
            double f = fetch.parameter() >= 0 ? 100 : ((Number) fetch.constant()).doubleValue();
            double o = offset == null ? 0 : offset.parameter() >= 0 ? 100 : ((Number) offset.constant()).doubleValue();
            rows = Math.min(rows, f + o);
        }
        return Math.max(rows, 1);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        double width = (projection.length + 2.0) / (sedimentTable.def().columns().size() + 2.0);
        return planner.getCostFactory().makeCost(rows, rows * width, rows * width);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        ScanSpec spec = new ScanSpec(sedimentTable.session(), sedimentTable.def(), projection.clone(), ranges,
                offset, fetch);
        Expression specExpr = implementor.stash(spec, ScanSpec.class);
        return implementor.result(physType, Blocks.toBlock(
                Expressions.call(ScanRuntime.class, physType.getFormat() == JavaRowFormat.SCALAR ? "scanScalar" : "scan",
                        implementor.getRootExpression(), specExpr)));
    }
}
