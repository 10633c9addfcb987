package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.encoding.Values;
import org.apache.calcite.DataContext;

/**
 * A value in a pushed-down predicate or LIMIT: a constant known when the statement was planned,
 * or a {@code ?} parameter read from the DataContext when it runs. Immutable.
 */
public record BoundValue(Object constant, int parameter) {

    public static BoundValue of(Object constant) {
        return new BoundValue(constant, -1);
    }

    public static BoundValue parameter(int index) {
        return new BoundValue(null, index);
    }

    /** The value for this execution (may be null: a NULL parameter). */
    public Object resolve(DataContext root) {
        return parameter < 0 ? constant : root.get("?" + parameter);
    }

    public String describe(ColumnType type) {
        return parameter >= 0 ? "?" + parameter : Values.format(constant, type);
    }
}
