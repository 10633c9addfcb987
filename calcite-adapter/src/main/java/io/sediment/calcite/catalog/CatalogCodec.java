package io.sediment.calcite.catalog;

import io.sediment.calcite.encoding.ByteReader;
import io.sediment.calcite.encoding.ByteWriter;
import io.sediment.calcite.encoding.KeyCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte layout of the catalog, stored in the engine under the reserved table id 0 (so no user
 * table range ever sees it):
 *
 * <pre>
 * 00000000 'N'                        -> next table id (4 bytes big-endian)
 * 00000000 'S' name*                  -> 0x01                      a user-created schema
 * 00000000 'T' schema* name*          -> table definition (below)
 * 00000000 'R' table id (4 bytes)     -> row count (8 bytes big-endian)
 * 00000000 'C'                        -> compaction style set by SYS.SET_COMPACTION (US-ASCII name)
 * (* = KeyCodec string encoding)
 *
 * table definition := version:u8 (= 1) id:varint columnCount:varint
 *                     (name:string kind:u8 precision:zigzag-varint scale:zigzag-varint nullable:u8)*
 *                     keyCount:varint keyColumn:varint*
 * string := length:varint UTF-8 bytes
 * </pre>
 *
 * Kind ids are {@link ColumnType.Kind#id()}. DO NOT CHANGE the layout without bumping the version.
 */
public final class CatalogCodec {
    static final int TABLE_FORMAT_VERSION = 1;
    private static final ColumnType VARCHAR = ColumnType.of(ColumnType.Kind.VARCHAR);

    private CatalogCodec() {
    }

    static byte[] prefix(char tag) {
        return new ByteWriter(5).writeBigEndian(0, 4).write(tag).toByteArray();
    }

    static byte[] nextIdKey() {
        return prefix('N');
    }

    static byte[] schemaKey(String schema) {
        ByteWriter w = new ByteWriter().write(prefix('S'));
        KeyCodec.encode(w, VARCHAR, schema);
        return w.toByteArray();
    }

    static byte[] tableKey(String schema, String name) {
        ByteWriter w = new ByteWriter().write(prefix('T'));
        KeyCodec.encode(w, VARCHAR, schema);
        KeyCodec.encode(w, VARCHAR, name);
        return w.toByteArray();
    }

    static byte[] compactionStyleKey() {
        return prefix('C');
    }

    static byte[] rowCountKey(int tableId) {
        return new ByteWriter().write(prefix('R')).writeBigEndian(tableId, 4).toByteArray();
    }

    static String schemaOfKey(byte[] key) {
        return (String) KeyCodec.decode(new ByteReader(key, 5), VARCHAR);
    }

    static String[] tableNameOfKey(byte[] key) {
        ByteReader in = new ByteReader(key, 5);
        String schema = (String) KeyCodec.decode(in, VARCHAR);
        String name = (String) KeyCodec.decode(in, VARCHAR);
        return new String[] {schema, name};
    }

    static byte[] encodeTable(TableDef t) {
        ByteWriter w = new ByteWriter();
        w.write(TABLE_FORMAT_VERSION);
        w.writeVarLong(t.id());
        w.writeVarLong(t.columns().size());
        for (ColumnDef c : t.columns()) {
            writeString(w, c.name());
            w.write(c.type().kind().id());
            w.writeVarLong(zigzag(c.type().precision()));
            w.writeVarLong(zigzag(c.type().scale()));
            w.write(c.nullable() ? 1 : 0);
        }
        int[] pk = t.primaryKey();
        w.writeVarLong(pk.length);
        for (int k : pk) {
            w.writeVarLong(k);
        }
        return w.toByteArray();
    }

    static TableDef decodeTable(String schema, String name, byte[] value) {
        ByteReader in = new ByteReader(value, 0);
        int version = in.read();
        if (version != TABLE_FORMAT_VERSION) {
            throw new IllegalStateException("table " + name + ": unknown catalog format version " + version);
        }
        int id = (int) in.readVarLong();
        int n = (int) in.readVarLong();
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cname = readString(in);
            ColumnType.Kind kind = ColumnType.Kind.ofId(in.read());
            int precision = unzigzag(in.readVarLong());
            int scale = unzigzag(in.readVarLong());
            boolean nullable = in.read() != 0;
            cols.add(new ColumnDef(cname, new ColumnType(kind, precision, scale), nullable));
        }
        int k = (int) in.readVarLong();
        int[] pk = new int[k];
        for (int i = 0; i < k; i++) {
            pk[i] = (int) in.readVarLong();
        }
        return new TableDef(schema, name, id, cols, pk);
    }

    private static void writeString(ByteWriter w, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        w.writeVarLong(b.length);
        w.write(b);
    }

    private static String readString(ByteReader in) {
        return new String(in.readBytes((int) in.readVarLong()), StandardCharsets.UTF_8);
    }

    private static long zigzag(int v) {
        return ((long) v << 1) ^ (v >> 31);
    }

    private static int unzigzag(long v) {
        return (int) ((v >>> 1) ^ -(v & 1));
    }
}
