package io.sediment.calcite.encoding;

import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.catalog.TableDef;
import org.apache.calcite.avatica.util.ByteString;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Engine values of table rows: the columns that are not part of the primary key.
 *
 * <pre>
 * value   := version:u8 (= 1) count:varint nulls:byte[ceil(count / 8)] column*
 * column  := (only for non-null columns, in declaration order)
 *            BOOLEAN, TINYINT: 1 byte; SMALLINT: 2; INTEGER, DATE, TIME, REAL: 4;
 *            BIGINT, TIMESTAMP, DOUBLE: 8 (big-endian; REAL/DOUBLE as IEEE bits)
 *            DECIMAL: scale:varint length:varint unscaled two's-complement bytes
 *            CHAR, VARCHAR: length:varint UTF-8 bytes; VARBINARY: length:varint bytes
 * </pre>
 *
 * <p>{@code count} is the number of value columns when the row was written: columns beyond it
 * read as NULL, which is how a table can gain columns without rewriting its rows. Bit {@code i}
 * of {@code nulls} (LSB first) set means value column {@code i} is NULL.
 */
public final class RowCodec {
    /** The format version byte written first. DO NOT CHANGE: bump it for a new layout. */
    public static final int VERSION = 1;

    private RowCodec() {
    }

    /** Encodes the value columns of {@code row} (all columns, table order). */
    public static byte[] encode(TableDef table, Object[] row) {
        int[] vcols = table.valueColumns();
        ByteWriter out = new ByteWriter(16 + vcols.length * 8);
        out.write(VERSION);
        out.writeVarLong(vcols.length);
        int bitmapAt = out.size();
        byte[] nulls = new byte[(vcols.length + 7) / 8];
        out.write(nulls);
        for (int i = 0; i < vcols.length; i++) {
            Object v = row[vcols[i]];
            if (v == null) {
                nulls[i / 8] |= (byte) (1 << (i % 8));
            } else {
                writeValue(out, table.columns().get(vcols[i]).type(), v);
            }
        }
        byte[] bytes = out.toByteArray();
        System.arraycopy(nulls, 0, bytes, bitmapAt, nulls.length);
        return bytes;
    }

    private static void writeValue(ByteWriter out, ColumnType type, Object v) {
        switch (type.kind()) {
            case BOOLEAN -> out.write((Boolean) v ? 1 : 0);
            case TINYINT -> out.write(((Number) v).byteValue());
            case SMALLINT -> out.writeBigEndian(((Number) v).shortValue(), 2);
            case INTEGER, DATE, TIME -> out.writeBigEndian(((Number) v).intValue(), 4);
            case BIGINT, TIMESTAMP -> out.writeBigEndian(((Number) v).longValue(), 8);
            case REAL -> out.writeBigEndian(Float.floatToIntBits(((Number) v).floatValue()), 4);
            case DOUBLE -> out.writeBigEndian(Double.doubleToLongBits(((Number) v).doubleValue()), 8);
            case DECIMAL -> {
                BigDecimal d = (BigDecimal) v;
                byte[] u = d.unscaledValue().toByteArray();
                out.writeVarLong(d.scale() & 0xFFFFFFFFL);
                out.writeVarLong(u.length);
                out.write(u);
            }
            case CHAR, VARCHAR -> {
                byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                out.writeVarLong(b.length);
                out.write(b);
            }
            case VARBINARY -> {
                byte[] b = ((ByteString) v).getBytes();
                out.writeVarLong(b.length);
                out.write(b);
            }
            default -> throw new AssertionError(type);
        }
    }

    /**
     * Decodes the value columns of {@code value} into {@code out}: value column {@code i} goes to
     * {@code out[targets[i]]} when {@code targets[i] >= 0} and is skipped otherwise.
     * {@code types[i]} is the type of value column {@code i}.
     */
    public static void decode(byte[] value, ColumnType[] types, int[] targets, int lastNeeded, Object[] out) {
        ByteReader in = new ByteReader(value, 0);
        int version = in.read();
        if (version != VERSION) {
            throw new IllegalStateException("unknown row format version " + version);
        }
        int count = (int) in.readVarLong();
        int bitmapAt = in.position();
        in.skip((count + 7) / 8);
        for (int i = 0; i <= lastNeeded && i < types.length; i++) {
            boolean isNull = i >= count || (value[bitmapAt + i / 8] & (1 << (i % 8))) != 0;
            int target = targets[i];
            if (isNull) {
                if (target >= 0) {
                    out[target] = null;
                }
                continue;
            }
            if (target >= 0) {
                out[target] = readValue(in, types[i]);
            } else {
                skipValue(in, types[i]);
            }
        }
    }

    private static Object readValue(ByteReader in, ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return in.read() != 0;
            case TINYINT:
                return (byte) in.read();
            case SMALLINT:
                return (short) in.readBigEndian(2);
            case INTEGER:
            case DATE:
            case TIME:
                return (int) in.readBigEndian(4);
            case BIGINT:
            case TIMESTAMP:
                return in.readBigEndian(8);
            case REAL:
                return Float.intBitsToFloat((int) in.readBigEndian(4));
            case DOUBLE:
                return Double.longBitsToDouble(in.readBigEndian(8));
            case DECIMAL: {
                int scale = (int) in.readVarLong();
                int n = (int) in.readVarLong();
                return new BigDecimal(new BigInteger(in.readBytes(n)), scale);
            }
            case CHAR:
            case VARCHAR:
                return new String(in.readBytes((int) in.readVarLong()), StandardCharsets.UTF_8);
            case VARBINARY:
                return new ByteString(in.readBytes((int) in.readVarLong()));
            default:
                throw new AssertionError(type);
        }
    }

    private static void skipValue(ByteReader in, ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN, TINYINT -> in.skip(1);
            case SMALLINT -> in.skip(2);
            case INTEGER, DATE, TIME, REAL -> in.skip(4);
            case BIGINT, TIMESTAMP, DOUBLE -> in.skip(8);
            case DECIMAL -> {
                in.readVarLong();
                in.skip((int) in.readVarLong());
            }
            default -> in.skip((int) in.readVarLong());
        }
    }

    /** Decodes the full row (all columns in table order) from an engine key and value. */
    public static Object[] decodeRow(TableDef table, byte[] key, byte[] value) {
        Object[] row = new Object[table.columns().size()];
        TableKeys.decodeKey(table, key, row);
        int[] vcols = table.valueColumns();
        ColumnType[] types = new ColumnType[vcols.length];
        for (int i = 0; i < vcols.length; i++) {
            types[i] = table.columns().get(vcols[i]).type();
        }
        decode(value, types, vcols, vcols.length - 1, row);
        return row;
    }
}
