package io.sediment.calcite.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The definition of one user table: where it lives (schema and name), the engine key prefix it
 * owns (its {@code id}, never reused), its columns in declaration order and the positions of its
 * primary-key columns in key order. Immutable.
 *
 * <p>Guarantees: at least one primary-key column; primary-key columns are NOT NULL; column names
 * are unique.
 */
public record TableDef(String schema, String name, int id, List<ColumnDef> columns, int[] primaryKey) {

    public TableDef {
        columns = List.copyOf(columns);
        primaryKey = primaryKey.clone();
        if (primaryKey.length == 0) {
            throw new IllegalArgumentException("table " + name + " has no primary key");
        }
    }

    /** Positions (in {@link #columns()}) of the columns that are not part of the key, in order. */
    public int[] valueColumns() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!isKey(i)) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean isKey(int column) {
        for (int k : primaryKey) {
            if (k == column) {
                return true;
            }
        }
        return false;
    }

    /** The index of {@code column} among the value columns, or -1 for a key column. */
    public int valueIndex(int column) {
        int idx = 0;
        for (int i = 0; i < column; i++) {
            if (!isKey(i)) {
                idx++;
            }
        }
        return isKey(column) ? -1 : idx;
    }

    /** Position of the column named {@code name}, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    @Override
    public int[] primaryKey() {
        return primaryKey.clone();
    }
}
