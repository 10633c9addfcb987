package io.sediment.calcite.encoding;

import io.sediment.calcite.catalog.ColumnType;
import org.apache.calcite.avatica.util.ByteString;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Order-preserving ("memcomparable") encoding of key column values: comparing two encodings as
 * unsigned bytes gives the same order as comparing the values in SQL. Every encoding is
 * self-delimiting, so a composite key is the concatenation of its columns' encodings and a
 * prefix of the columns is a byte prefix of the key.
 *
 * <pre>
 * BOOLEAN                  1 byte: 0x00 false, 0x01 true
 * TINYINT..BIGINT, DATE,   1/2/4/8 bytes big-endian two's complement with the sign bit flipped
 *   TIME, TIMESTAMP        (DATE and TIME as 4-byte ints, TIMESTAMP as 8-byte millis)
 * REAL, DOUBLE             IEEE bits big-endian; positive: sign bit flipped, negative: all bits
 *                          flipped; -0.0 is stored as 0.0 and every NaN as the canonical NaN
 * DECIMAL                  unscaled value at the column's scale: header 0x80 for zero,
 *                          0x80 + n for a positive value of n magnitude bytes (then the bytes),
 *                          0x80 - n for a negative one (then the bytes inverted)
 * CHAR, VARCHAR            UTF-8 bytes, VARBINARY raw bytes; each 0x00 written as 0x00 0xFF,
 *                          then the terminator 0x00 0x01
 * </pre>
 *
 * <p>Text therefore sorts by Unicode code point (UTF-8 byte order). The table id prefix is
 * written by {@link TableKeys}. Values must be in the internal form of {@link Values}.
 */
public final class KeyCodec {
    private KeyCodec() {
    }

    public static void encode(ByteWriter out, ColumnType type, Object v) {
        switch (type.kind()) {
            case BOOLEAN -> out.write((Boolean) v ? 1 : 0);
            case TINYINT -> out.writeBigEndian(((Number) v).byteValue() ^ 0x80, 1);
            case SMALLINT -> out.writeBigEndian(((Number) v).shortValue() ^ 0x8000, 2);
            case INTEGER, DATE, TIME -> out.writeBigEndian(((Number) v).intValue() ^ 0x8000_0000, 4);
            case BIGINT, TIMESTAMP -> out.writeBigEndian(((Number) v).longValue() ^ Long.MIN_VALUE, 8);
            case REAL -> {
                float f = ((Number) v).floatValue();
                int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
                out.writeBigEndian(bits < 0 ? ~bits : bits ^ 0x8000_0000, 4);
            }
            case DOUBLE -> {
                double d = ((Number) v).doubleValue();
                long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
                out.writeBigEndian(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE, 8);
            }
            case DECIMAL -> encodeDecimal(out, (BigDecimal) v, type);
            case CHAR, VARCHAR -> encodeBytes(out, ((String) v).getBytes(StandardCharsets.UTF_8));
            case VARBINARY -> encodeBytes(out, ((ByteString) v).getBytes());
            default -> throw new AssertionError(type);
        }
    }

    private static void encodeDecimal(ByteWriter out, BigDecimal d, ColumnType type) {
        int scale = type.scale() == ColumnType.UNSPECIFIED ? 0 : type.scale();
        BigInteger unscaled = d.setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue();
        int sign = unscaled.signum();
        if (sign == 0) {
            out.write(0x80);
            return;
        }
        byte[] mag = unscaled.abs().toByteArray();
        int start = mag[0] == 0 ? 1 : 0;
        int n = mag.length - start;
        if (n > 120) {
            throw new IllegalArgumentException("decimal too large for a key: " + d);
        }
        out.write(sign > 0 ? 0x80 + n : 0x80 - n);
        for (int i = start; i < mag.length; i++) {
            out.write(sign > 0 ? mag[i] : ~mag[i]);
        }
    }

    private static void encodeBytes(ByteWriter out, byte[] b) {
        for (byte x : b) {
            out.write(x);
            if (x == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(1);
    }

    public static Object decode(ByteReader in, ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return in.read() != 0;
            case TINYINT:
                return (byte) (in.readBigEndian(1) ^ 0x80);
            case SMALLINT:
                return (short) (in.readBigEndian(2) ^ 0x8000);
            case INTEGER:
            case DATE:
            case TIME:
                return (int) in.readBigEndian(4) ^ 0x8000_0000;
            case BIGINT:
            case TIMESTAMP:
                return in.readBigEndian(8) ^ Long.MIN_VALUE;
            case REAL: {
                int u = (int) in.readBigEndian(4);
                int bits = u < 0 ? u ^ 0x8000_0000 : ~u;
                return Float.intBitsToFloat(bits);
            }
            case DOUBLE: {
                long u = in.readBigEndian(8);
                long bits = u < 0 ? u ^ Long.MIN_VALUE : ~u;
                return Double.longBitsToDouble(bits);
            }
            case DECIMAL: {
                int scale = type.scale() == ColumnType.UNSPECIFIED ? 0 : type.scale();
                int h = in.read();
                if (h == 0x80) {
                    return BigDecimal.ZERO.setScale(scale);
                }
                boolean positive = h > 0x80;
                int n = positive ? h - 0x80 : 0x80 - h;
                byte[] mag = in.readBytes(n);
                if (!positive) {
                    for (int i = 0; i < n; i++) {
                        mag[i] = (byte) ~mag[i];
                    }
                }
                BigInteger u = new BigInteger(1, mag);
                return new BigDecimal(positive ? u : u.negate(), scale);
            }
            case CHAR:
            case VARCHAR:
                return new String(decodeBytes(in), StandardCharsets.UTF_8);
            case VARBINARY:
                return new ByteString(decodeBytes(in));
            default:
                throw new AssertionError(type);
        }
    }

    private static byte[] decodeBytes(ByteReader in) {
        ByteWriter out = new ByteWriter();
        while (true) {
            int b = in.read();
            if (b != 0) {
                out.write(b);
                continue;
            }
            int next = in.read();
            if (next == 0xFF) {
                out.write(0);
            } else if (next == 0x01) {
                return out.toByteArray();
            } else {
                throw new IllegalStateException("malformed key string escape 0x00 0x" + Integer.toHexString(next));
            }
        }
    }

    /** Skips one encoded value of {@code type}. */
    public static void skip(ByteReader in, ColumnType type) {
        decode(in, type);
    }

    /**
     * The smallest byte string greater than every string that starts with {@code prefix}, or
     * null if there is none (all bytes 0xFF): the exclusive end of a prefix range.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] out = Arrays.copyOf(prefix, i + 1);
                out[i]++;
                return out;
            }
        }
        return null;
    }
}
