package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.encoding.Values;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a filter condition into key ranges: handles {@code =, <, <=, >, >=}, BETWEEN, IN and
 * NOT IN (which Calcite presents as SEARCH), and ORs of those on one key column; ANDs across key
 * columns (a point prefix of a composite key, then one range); and one OR across key columns,
 * whose disjuncts become branches. Everything else, and every conjunct the ranges do not fully
 * enforce, is returned as the residual condition for Calcite's own Filter, so results are exact.
 *
 * <p>Pure: no I/O, no state. Values are checked against the column types here (a literal that
 * does not fit stays in the residual filter); parameters are checked when the statement runs.
 */
public final class KeyRangeAnalyzer {
    /** Most point combinations one scan will enumerate before it falls back to a wider range. */
    static final int MAX_POINTS = 10_000;

    private final TableDef table;
    private final int[] projection;

    private KeyRangeAnalyzer(TableDef table, int[] projection) {
        this.table = table;
        this.projection = projection;
    }

    /** The analysis: ranges to read and the conjuncts still to check (empty = none). */
    public record Result(KeyRangeSpec spec, List<RexNode> residual) {
    }

    private record Entry(ColumnPredicate predicate, RexNode conjunct) {
    }

    /**
     * Analyzes {@code condition}, whose field {@code i} is table column {@code projection[i]}.
     * Returns null when no key range narrows the scan.
     */
    public static Result analyze(RexNode condition, TableDef table, int[] projection) {
        return new KeyRangeAnalyzer(table, projection).run(condition);
    }

    private Result run(RexNode condition) {
        List<RexNode> conjuncts = RelOptUtil.conjunctions(condition);
        Map<Integer, List<Entry>> common = new HashMap<>();
        List<Map<Integer, List<Entry>>> alternatives = null;
        RexNode orNode = null;
        List<RexNode> residual = new ArrayList<>();
        for (RexNode c : conjuncts) {
            ColumnPredicate p = single(c);
            if (p != null) {
                common.computeIfAbsent(p.keyPosition(), k -> new ArrayList<>()).add(new Entry(p, c));
                continue;
            }
            if (orNode == null && c.getKind() == SqlKind.OR) {
                alternatives = alternatives((RexCall) c);
                if (alternatives != null) {
                    orNode = c;
                    continue;
                }
            }
            residual.add(c);
        }
        List<Map<Integer, List<Entry>>> branchMaps = new ArrayList<>();
        if (orNode == null) {
            branchMaps.add(common);
        } else {
            for (Map<Integer, List<Entry>> alt : alternatives) {
                Map<Integer, List<Entry>> m = new HashMap<>();
                common.forEach((k, v) -> m.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                alt.forEach((k, v) -> m.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                branchMaps.add(m);
            }
        }
        List<KeyRangeSpec.Branch> branches = new ArrayList<>();
        Map<RexNode, Integer> consumedCount = new IdentityHashMap<>();
        boolean orConsumed = true;
        for (Map<Integer, List<Entry>> m : branchMaps) {
            int depth = depth(m);
            if (depth == 0) {
                return null;
            }
            List<List<ColumnPredicate>> cols = new ArrayList<>();
            Set<RexNode> consumed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (int c = 0; c < depth; c++) {
                List<ColumnPredicate> preds = new ArrayList<>();
                for (Entry e : m.get(c)) {
                    preds.add(e.predicate());
                    consumed.add(e.conjunct());
                }
                cols.add(mergeConstantBounds(preds, keyType(c)));
            }
            for (List<Entry> es : m.values()) {
                for (Entry e : es) {
                    if (consumed.contains(e.conjunct())) {
                        consumedCount.merge(e.conjunct(), 1, Integer::sum);
                    } else if (!isCommon(common, e)) {
                        orConsumed = false;
                    }
                }
            }
            branches.add(new KeyRangeSpec.Branch(cols));
        }
        Set<RexNode> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Entry> es : common.values()) {
            for (Entry e : es) {
                if (seen.add(e.conjunct()) && consumedCount.getOrDefault(e.conjunct(), 0) < branchMaps.size()) {
                    residual.add(e.conjunct());
                }
            }
        }
        if (orNode != null && !orConsumed) {
            residual.add(orNode);
        }
        return new Result(new KeyRangeSpec(branches), residual);
    }

    /**
     * Intersects single-interval predicates whose bounds are constants into one (e.g. {@code k > 1}
     * and {@code k < 9} into {@code (1..9)}), so EXPLAIN shows the range that will be read.
     */
    private static List<ColumnPredicate> mergeConstantBounds(List<ColumnPredicate> preds, ColumnType type) {
        List<ColumnPredicate> out = new ArrayList<>();
        ColumnPredicate.Interval merged = null;
        int key = preds.get(0).keyPosition();
        for (ColumnPredicate p : preds) {
            ColumnPredicate.Interval iv = p.intervals().size() == 1 ? p.intervals().get(0) : null;
            boolean constant = iv != null && !p.points() && (iv.lower() == null || iv.lower().parameter() < 0)
                    && (iv.upper() == null || iv.upper().parameter() < 0);
            if (!constant) {
                out.add(p);
                continue;
            }
            if (merged == null) {
                merged = iv;
                continue;
            }
            BoundValue lo = merged.lower();
            boolean loIn = merged.lowerInclusive();
            if (iv.lower() != null && (lo == null || compare(iv.lower(), lo, type) > 0
                    || (compare(iv.lower(), lo, type) == 0 && !iv.lowerInclusive()))) {
                lo = iv.lower();
                loIn = iv.lowerInclusive();
            }
            BoundValue hi = merged.upper();
            boolean hiIn = merged.upperInclusive();
            if (iv.upper() != null && (hi == null || compare(iv.upper(), hi, type) < 0
                    || (compare(iv.upper(), hi, type) == 0 && !iv.upperInclusive()))) {
                hi = iv.upper();
                hiIn = iv.upperInclusive();
            }
            merged = new ColumnPredicate.Interval(lo, loIn, hi, hiIn);
        }
        if (merged != null) {
            out.add(new ColumnPredicate(key, List.of(merged), false));
        }
        return out;
    }

    private static int compare(BoundValue a, BoundValue b, ColumnType type) {
        io.sediment.calcite.encoding.ByteWriter x = new io.sediment.calcite.encoding.ByteWriter();
        io.sediment.calcite.encoding.ByteWriter y = new io.sediment.calcite.encoding.ByteWriter();
        io.sediment.calcite.encoding.KeyCodec.encode(x, type, a.constant());
        io.sediment.calcite.encoding.KeyCodec.encode(y, type, b.constant());
        return java.util.Arrays.compareUnsigned(x.toByteArray(), y.toByteArray());
    }

    private static boolean isCommon(Map<Integer, List<Entry>> common, Entry e) {
        List<Entry> es = common.get(e.predicate().keyPosition());
        return es != null && es.stream().anyMatch(x -> x.conjunct() == e.conjunct());
    }

    private int depth(Map<Integer, List<Entry>> m) {
        int pkCount = table.primaryKey().length;
        long product = 1;
        int d = 0;
        while (d < pkCount && m.containsKey(d)) {
            List<Entry> es = m.get(d);
            int points = Integer.MAX_VALUE;
            for (Entry e : es) {
                if (e.predicate().points()) {
                    points = Math.min(points, e.predicate().intervals().size());
                }
            }
            if (points == Integer.MAX_VALUE) {
                return d + 1;
            }
            if (product * points > MAX_POINTS) {
                return d;
            }
            product *= points;
            d++;
        }
        return d;
    }

    private List<Map<Integer, List<Entry>>> alternatives(RexCall or) {
        List<Map<Integer, List<Entry>>> out = new ArrayList<>();
        for (RexNode d : or.getOperands()) {
            Map<Integer, List<Entry>> m = new HashMap<>();
            for (RexNode c : RelOptUtil.conjunctions(d)) {
                ColumnPredicate p = single(c);
                if (p == null) {
                    return null;
                }
                m.computeIfAbsent(p.keyPosition(), k -> new ArrayList<>()).add(new Entry(p, c));
            }
            out.add(m);
        }
        return out;
    }

    /** The predicate {@code e} puts on one key column, or null if it is not of a handled shape. */
    private ColumnPredicate single(RexNode e) {
        switch (e.getKind()) {
            case EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                RexCall call = (RexCall) e;
                RexNode a = call.getOperands().get(0);
                RexNode b = call.getOperands().get(1);
                SqlKind kind = e.getKind();
                int key = keyPosition(a);
                if (key < 0) {
                    key = keyPosition(b);
                    RexNode t = a;
                    a = b;
                    b = t;
                    kind = kind.reverse();
                }
                if (key < 0) {
                    return null;
                }
                BoundValue v = value(b, keyType(key));
                if (v == null) {
                    return null;
                }
                ColumnPredicate.Interval iv = switch (kind) {
                    case EQUALS -> ColumnPredicate.Interval.point(v);
                    case LESS_THAN -> new ColumnPredicate.Interval(null, false, v, false);
                    case LESS_THAN_OR_EQUAL -> new ColumnPredicate.Interval(null, false, v, true);
                    case GREATER_THAN -> new ColumnPredicate.Interval(v, false, null, false);
                    default -> new ColumnPredicate.Interval(v, true, null, false);
                };
                return new ColumnPredicate(key, List.of(iv), kind == SqlKind.EQUALS);
            }
            case SEARCH -> {
                RexCall call = (RexCall) e;
                int key = keyPosition(call.getOperands().get(0));
                if (key < 0 || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
                    return null;
                }
                Sarg<?> sarg = lit.getValueAs(Sarg.class);
                if (sarg == null) {
                    return null;
                }
                return fromSarg(key, sarg);
            }
            case OR -> {
                List<ColumnPredicate.Interval> ivs = new ArrayList<>();
                boolean points = true;
                int key = -1;
                for (RexNode d : ((RexCall) e).getOperands()) {
                    ColumnPredicate p = single(d);
                    if (p == null || (key >= 0 && p.keyPosition() != key)) {
                        return null;
                    }
                    key = p.keyPosition();
                    ivs.addAll(p.intervals());
                    points &= p.points();
                }
                return key < 0 ? null : new ColumnPredicate(key, ivs, points);
            }
            default -> {
                return null;
            }
        }
    }

    private ColumnPredicate fromSarg(int key, Sarg<?> sarg) {
        ColumnType type = keyType(key);
        List<ColumnPredicate.Interval> ivs = new ArrayList<>();
        boolean points = true;
        for (Range<?> r : sarg.rangeSet.asRanges()) {
            BoundValue lo = null;
            BoundValue hi = null;
            try {
                if (r.hasLowerBound()) {
                    lo = BoundValue.of(Values.coerce(r.lowerEndpoint(), type));
                }
                if (r.hasUpperBound()) {
                    hi = BoundValue.of(Values.coerce(r.upperEndpoint(), type));
                }
            } catch (IllegalArgumentException ex) {
                return null;
            }
            boolean loIn = r.hasLowerBound() && r.lowerBoundType() == BoundType.CLOSED;
            boolean hiIn = r.hasUpperBound() && r.upperBoundType() == BoundType.CLOSED;
            if (lo != null && hi != null && loIn && hiIn && lo.constant().equals(hi.constant())) {
                ivs.add(ColumnPredicate.Interval.point(lo));
            } else {
                points = false;
                ivs.add(new ColumnPredicate.Interval(lo, loIn, hi, hiIn));
            }
        }
        return new ColumnPredicate(key, ivs, points && !ivs.isEmpty());
    }

    private ColumnType keyType(int keyPosition) {
        return table.columns().get(table.primaryKey()[keyPosition]).type();
    }

    /** The key position of a reference to a key column, else -1. */
    private int keyPosition(RexNode e) {
        if (!(e instanceof RexInputRef ref)) {
            return -1;
        }
        int column = projection[ref.getIndex()];
        int[] pk = table.primaryKey();
        for (int i = 0; i < pk.length; i++) {
            if (pk[i] == column) {
                return i;
            }
        }
        return -1;
    }

    private static BoundValue value(RexNode e, ColumnType type) {
        if (e instanceof RexDynamicParam p) {
            return BoundValue.parameter(p.getIndex());
        }
        if (e instanceof RexLiteral lit) {
            Comparable<?> v = lit.getValue();
            if (v == null) {
                return null;
            }
            try {
                return BoundValue.of(Values.coerce(v, type));
            } catch (IllegalArgumentException ex) {
                return null;
            }
        }
        if (e.getKind() == SqlKind.CAST && ((RexCall) e).getOperands().get(0) instanceof RexDynamicParam p) {
            return BoundValue.parameter(p.getIndex());
        }
        return null;
    }
}
