package io.sediment.calcite.prepare;

import io.sediment.calcite.encoding.Values;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Brings a statement parameter's value to the Java type the compiled plan reads for the
 * parameter's SQL type, or refuses it with a message naming the parameter. Calcite hands the
 * generated code whatever the client bound ({@code setObject(1, "abc")} on an INTEGER parameter
 * arrives as a String), and the code's cast then fails with a ClassCastException that tells the
 * user nothing. Conversions follow JDBC's {@code setObject} table: numbers between numeric types
 * when the value fits (exactly for integer and decimal types, the nearest value for REAL and
 * DOUBLE), numeric and boolean text to numbers and booleans, numbers and booleans to text.
 * Stateless.
 */
final class ParameterValues {
    private final List<SqlTypeName> types;

    private ParameterValues(List<SqlTypeName> types) {
        this.types = types;
    }

    /** The converter for a statement whose parameters have {@code rowType}'s field types. */
    static ParameterValues of(RelDataType rowType) {
        return new ParameterValues(rowType == null ? List.of()
                : rowType.getFieldList().stream().map(RelDataTypeField::getType).map(RelDataType::getSqlTypeName)
                        .toList());
    }

    /** How many parameters the statement has. */
    int count() {
        return types.size();
    }

    /** The 0-based index of a parameter's DataContext name ({@code ?0}, {@code ?1}, …), else -1. */
    static int index(String name) {
        if (name.length() < 2 || name.charAt(0) != '?') {
            return -1;
        }
        int index = 0;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || index > 100_000_000) {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    /**
     * The value of parameter {@code index} (0-based) as the plan reads it.
     *
     * @throws IllegalArgumentException naming the parameter (1-based, as in JDBC) and its type
     *     when the value cannot be converted
     */
    Object convert(int index, Object value) {
        if (value == null || index >= types.size()) {
            return value;
        }
        SqlTypeName type = types.get(index);
        try {
            Object converted = convert(type, value);
            if (converted != null) {
                return converted;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("parameter " + (index + 1) + " is " + type + " and cannot take the "
                + value.getClass().getSimpleName() + " value '" + shorten(value) + "'");
    }

    /** {@code value} as {@code type}'s Java class, or null when there is no lossless conversion. */
    private static Object convert(SqlTypeName type, Object value) {
        switch (type) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, DECIMAL -> {
                BigDecimal n = Values.decimal(value);
                return n == null ? null : toNumber(type, n, value);
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    return value;
                }
                if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s);
                }
                return null;
            }
            case CHAR, VARCHAR -> {
                return value instanceof String || value instanceof Number || value instanceof Boolean
                        ? value.toString() : null;
            }
            case BINARY, VARBINARY -> {
                return value instanceof ByteString ? value : value instanceof byte[] b ? new ByteString(b) : null;
            }
            default -> {
                return value; // dates, times and the rest: left to Calcite as before
            }
        }
    }

    private static Object toNumber(SqlTypeName type, BigDecimal n, Object original) {
        return switch (type) {
            case TINYINT -> original instanceof Byte ? original : n.byteValueExact();
            case SMALLINT -> original instanceof Short ? original : n.shortValueExact();
            case INTEGER -> original instanceof Integer ? original : n.intValueExact();
            case BIGINT -> original instanceof Long ? original : n.longValueExact();
            case REAL -> original instanceof Float ? original : n.floatValue();
            case FLOAT, DOUBLE -> original instanceof Double ? original : n.doubleValue();
            default -> n;
        };
    }

    private static String shorten(Object value) {
        String s = value instanceof byte[] b ? b.length + " bytes" : String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
