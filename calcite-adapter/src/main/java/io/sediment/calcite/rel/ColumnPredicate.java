package io.sediment.calcite.rel;

import java.util.List;

/**
 * One pushed-down conjunct on one key column: the column's value must lie in the union of
 * {@code intervals}. {@code points} is true when every interval is a single value (=, IN).
 * Immutable.
 */
public record ColumnPredicate(int keyPosition, List<Interval> intervals, boolean points) {

    public ColumnPredicate {
        intervals = List.copyOf(intervals);
    }

    /** An interval of values; a null bound is unbounded on that side. */
    public record Interval(BoundValue lower, boolean lowerInclusive, BoundValue upper, boolean upperInclusive) {
        public static Interval point(BoundValue v) {
            return new Interval(v, true, v, true);
        }

        public boolean isPoint() {
            return lower != null && lower == upper && lowerInclusive && upperInclusive;
        }
    }
}
