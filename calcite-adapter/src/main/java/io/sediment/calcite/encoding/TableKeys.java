package io.sediment.calcite.encoding;

import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.catalog.TableDef;

import java.util.List;

/**
 * Engine keys of table rows: a 4-byte big-endian table id, then the {@link KeyCodec} encoding of
 * the primary-key columns in key order. Table id 0 is reserved for the catalog, so a row is only
 * ever seen by a range inside its own table's id.
 */
public final class TableKeys {
    private TableKeys() {
    }

    public static byte[] tablePrefix(int tableId) {
        return new ByteWriter(4).writeBigEndian(tableId, 4).toByteArray();
    }

    /** The key of the row whose key column values (in key order, internal form) are {@code keyValues}. */
    public static byte[] key(TableDef table, List<Object> keyValues) {
        ByteWriter out = new ByteWriter(16);
        out.writeBigEndian(table.id(), 4);
        int[] pk = table.primaryKey();
        for (int i = 0; i < pk.length; i++) {
            KeyCodec.encode(out, table.columns().get(pk[i]).type(), keyValues.get(i));
        }
        return out.toByteArray();
    }

    /** The key of {@code row} (all columns in table order). */
    public static byte[] keyOfRow(TableDef table, Object[] row) {
        ByteWriter out = new ByteWriter(16);
        out.writeBigEndian(table.id(), 4);
        for (int k : table.primaryKey()) {
            KeyCodec.encode(out, table.columns().get(k).type(), row[k]);
        }
        return out.toByteArray();
    }

    /** Decodes the key columns of {@code key} into {@code row} at their table positions. */
    public static void decodeKey(TableDef table, byte[] key, Object[] row) {
        ByteReader in = new ByteReader(key, 4);
        for (int k : table.primaryKey()) {
            ColumnType t = table.columns().get(k).type();
            row[k] = KeyCodec.decode(in, t);
        }
    }

    /** Renders the key columns of {@code key}, e.g. {@code (1, 'a')}. */
    public static String describe(TableDef table, byte[] key) {
        Object[] row = new Object[table.columns().size()];
        decodeKey(table, key, row);
        StringBuilder sb = new StringBuilder("(");
        int[] pk = table.primaryKey();
        for (int i = 0; i < pk.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Values.format(row[pk[i]], table.columns().get(pk[i]).type()));
        }
        return sb.append(')').toString();
    }

    /** The table id of an engine key, or -1 if the key is shorter than an id. */
    public static int tableIdOf(byte[] key) {
        if (key == null || key.length < 4) {
            return -1;
        }
        return (int) new ByteReader(key, 0).readBigEndian(4);
    }
}
