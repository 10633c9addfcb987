package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.schema.Session;

/**
 * Everything a scan needs at execution, handed from the plan to the generated code: the table,
 * the columns to decode ({@code projection}: output field i is table column projection[i]), the
 * key ranges (null = the whole table) and the rows to skip and return (null = all). Immutable.
 */
public record ScanSpec(Session session, TableDef table, int[] projection, KeyRangeSpec ranges,
                       BoundValue offset, BoundValue fetch) {
}
