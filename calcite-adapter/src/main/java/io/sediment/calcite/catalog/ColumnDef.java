package io.sediment.calcite.catalog;

/**
 * One column of a table: its name (as stored, case preserved), type and whether it accepts NULL.
 * Primary-key columns never accept NULL. Immutable.
 */
public record ColumnDef(String name, ColumnType type, boolean nullable) {
}
