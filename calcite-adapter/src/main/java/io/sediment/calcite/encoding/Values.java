package io.sediment.calcite.encoding;

import io.sediment.calcite.catalog.ColumnType;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Calendar;

/**
 * Converts values into Calcite's internal Java representation of each column type, the form
 * the codecs store and the generated code reads: BOOLEAN {@link Boolean}, TINYINT {@link Byte},
 * SMALLINT {@link Short}, INTEGER {@link Integer}, BIGINT {@link Long}, REAL {@link Float},
 * DOUBLE {@link Double}, DECIMAL {@link BigDecimal} (at the column's scale), CHAR/VARCHAR
 * {@link String}, VARBINARY {@link ByteString}, DATE {@link Integer} days since 1970-01-01,
 * TIME {@link Integer} milliseconds of the day, TIMESTAMP {@link Long} milliseconds since the epoch.
 *
 * <p>Accepts planner literals ({@link NlsString}, {@link DateString}, ...), JDBC parameter
 * values and the internal forms. A value that cannot be converted exactly is refused with an
 * {@link IllegalArgumentException} naming the value and the type.
 */
public final class Values {
    private Values() {
    }

    /** {@code v} (not null) in the internal representation of {@code type}. */
    public static Object coerce(Object v, ColumnType type) {
        try {
            Object r = convert(v, type);
            if (r == null) {
                throw bad(v, type, null);
            }
            return r;
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
            throw bad(v, type, e);
        }
    }

    private static IllegalArgumentException bad(Object v, ColumnType type, Exception cause) {
        String shown = v instanceof String || v instanceof NlsString ? "'" + v + "'" : String.valueOf(v);
        return new IllegalArgumentException("cannot convert " + shown + " to " + type.sql(), cause);
    }

    private static Object convert(Object v, ColumnType type) {
        if (v instanceof NlsString s) {
            v = s.getValue();
        }
        switch (type.kind()) {
            case BOOLEAN:
                if (v instanceof Boolean) {
                    return v;
                }
                if (v instanceof String s) {
                    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
                    return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
                }
                return null;
            case TINYINT:
                return decimal(v) == null ? null : decimal(v).byteValueExact();
            case SMALLINT:
                return decimal(v) == null ? null : decimal(v).shortValueExact();
            case INTEGER:
                return decimal(v) == null ? null : decimal(v).intValueExact();
            case BIGINT:
                return decimal(v) == null ? null : decimal(v).longValueExact();
            case REAL:
                if (v instanceof Number n) {
                    return n.floatValue();
                }
                return v instanceof String s ? Float.parseFloat(s.trim()) : null;
            case DOUBLE:
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                return v instanceof String s ? Double.parseDouble(s.trim()) : null;
            case DECIMAL: {
                BigDecimal d = decimal(v);
                if (d == null) {
                    return null;
                }
                int scale = type.scale() == ColumnType.UNSPECIFIED ? 0 : type.scale();
                BigDecimal r = d.setScale(scale, RoundingMode.UNNECESSARY);
                int precision = type.precision() == ColumnType.UNSPECIFIED ? 19 : type.precision();
                if (r.precision() - r.scale() > precision - scale && r.signum() != 0) {
                    throw new ArithmeticException("too many digits for " + type.sql());
                }
                return r;
            }
            case CHAR:
            case VARCHAR:
                if (v instanceof String || v instanceof Character) {
                    String s = v.toString();
                    if (type.precision() != ColumnType.UNSPECIFIED && s.length() > type.precision()
                            && !s.substring(type.precision()).isBlank()) {
                        throw new ArithmeticException("value too long for " + type.sql());
                    }
                    return s;
                }
                return null;
            case VARBINARY:
                if (v instanceof ByteString b) {
                    return b;
                }
                if (v instanceof byte[] b) {
                    return new ByteString(b);
                }
                return null;
            case DATE:
                if (v instanceof DateString d) {
                    return d.getDaysSinceEpoch();
                }
                if (v instanceof java.sql.Date d) {
                    return (int) d.toLocalDate().toEpochDay();
                }
                if (v instanceof LocalDate d) {
                    return (int) d.toEpochDay();
                }
                if (v instanceof Integer i) {
                    return i;
                }
                if (v instanceof String s) {
                    return (int) LocalDate.parse(s.trim()).toEpochDay();
                }
                if (v instanceof Calendar c) {
                    return (int) Math.floorDiv(c.getTimeInMillis(), 86_400_000L);
                }
                return null;
            case TIME:
                if (v instanceof TimeString t) {
                    return t.getMillisOfDay();
                }
                if (v instanceof java.sql.Time t) {
                    return (int) (t.toLocalTime().toNanoOfDay() / 1_000_000);
                }
                if (v instanceof LocalTime t) {
                    return (int) (t.toNanoOfDay() / 1_000_000);
                }
                if (v instanceof Integer i) {
                    return i;
                }
                if (v instanceof String s) {
                    return (int) (LocalTime.parse(s.trim()).toNanoOfDay() / 1_000_000);
                }
                if (v instanceof Calendar c) {
                    return (int) Math.floorMod(c.getTimeInMillis(), 86_400_000L);
                }
                return null;
            case TIMESTAMP:
                if (v instanceof TimestampString t) {
                    return t.getMillisSinceEpoch();
                }
                if (v instanceof java.sql.Timestamp t) {
                    return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                if (v instanceof LocalDateTime t) {
                    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                if (v instanceof Long l) {
                    return l;
                }
                if (v instanceof String s) {
                    return LocalDateTime.parse(s.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                if (v instanceof Calendar c) {
                    return c.getTimeInMillis();
                }
                return null;
            default:
                throw new AssertionError(type);
        }
    }

    /** {@code v} as a BigDecimal if it is a number or numeric text, else null. */
    public static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new ArithmeticException("not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (v instanceof String s) {
            return new BigDecimal(s.trim());
        }
        return null;
    }

    /** A readable SQL-literal rendering of an internal value of {@code type}. */
    public static String format(Object v, ColumnType type) {
        if (v == null) {
            return "NULL";
        }
        switch (type.kind()) {
            case CHAR:
            case VARCHAR:
                return "'" + v.toString().replace("'", "''") + "'";
            case VARBINARY:
                return "X'" + ((ByteString) v).toString() + "'";
            case DATE:
                return "DATE '" + LocalDate.ofEpochDay(((Number) v).longValue()) + "'";
            case TIME:
                return "TIME '" + LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000) + "'";
            case TIMESTAMP:
                return "TIMESTAMP '" + LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) v).longValue(), 1000),
                        (int) Math.floorMod(((Number) v).longValue(), 1000) * 1_000_000, ZoneOffset.UTC)
                        .toString().replace('T', ' ') + "'";
            default:
                return v.toString();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
