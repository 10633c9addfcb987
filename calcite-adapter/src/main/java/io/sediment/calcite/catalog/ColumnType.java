package io.sediment.calcite.catalog;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL type of a stored column: one of the types Sediment can store, with its precision and
 * scale (length for CHAR, VARCHAR and VARBINARY). Immutable.
 *
 * <p>The {@link Kind} ids are persisted in the catalog: DO NOT CHANGE them, only add new ones.
 */
public record ColumnType(Kind kind, int precision, int scale) {

    /** Unset precision or scale. */
    public static final int UNSPECIFIED = -1;

    /** The storable types, with their persistent ids. */
    public enum Kind {
        BOOLEAN(1, SqlTypeName.BOOLEAN),
        TINYINT(2, SqlTypeName.TINYINT),
        SMALLINT(3, SqlTypeName.SMALLINT),
        INTEGER(4, SqlTypeName.INTEGER),
        BIGINT(5, SqlTypeName.BIGINT),
        REAL(6, SqlTypeName.REAL),
        DOUBLE(7, SqlTypeName.DOUBLE),
        DECIMAL(8, SqlTypeName.DECIMAL),
        CHAR(9, SqlTypeName.CHAR),
        VARCHAR(10, SqlTypeName.VARCHAR),
        VARBINARY(11, SqlTypeName.VARBINARY),
        DATE(12, SqlTypeName.DATE),
        TIME(13, SqlTypeName.TIME),
        TIMESTAMP(14, SqlTypeName.TIMESTAMP);

        final int id;
        final SqlTypeName sqlType;

        Kind(int id, SqlTypeName sqlType) {
            this.id = id;
            this.sqlType = sqlType;
        }

        public int id() {
            return id;
        }

        public SqlTypeName sqlType() {
            return sqlType;
        }

        static Kind ofId(int id) {
            for (Kind k : values()) {
                if (k.id == id) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown column type id " + id);
        }
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, UNSPECIFIED, UNSPECIFIED);
    }

    /** The Calcite type of this column. */
    public RelDataType toRelType(RelDataTypeFactory f, boolean nullable) {
        RelDataType t;
        if (kind == Kind.DECIMAL) {
            t = f.createSqlType(SqlTypeName.DECIMAL, precision == UNSPECIFIED ? 19 : precision,
                    scale == UNSPECIFIED ? 0 : scale);
        } else if (precision != UNSPECIFIED && kind.sqlType.allowsPrec()) {
            t = f.createSqlType(kind.sqlType, precision);
        } else {
            t = f.createSqlType(kind.sqlType);
        }
        return f.createTypeWithNullability(t, nullable);
    }

    /** Whether values are text (CHAR, VARCHAR). */
    public boolean isText() {
        return kind == Kind.CHAR || kind == Kind.VARCHAR;
    }

    /** The type as written in SQL, e.g. {@code DECIMAL(10, 2)} or {@code VARCHAR(20)}. */
    public String sql() {
        if (kind == Kind.DECIMAL) {
            return "DECIMAL(" + (precision == UNSPECIFIED ? 19 : precision) + ", "
                    + (scale == UNSPECIFIED ? 0 : scale) + ")";
        }
        if (precision != UNSPECIFIED && (isText() || kind == Kind.VARBINARY || kind == Kind.TIME
                || kind == Kind.TIMESTAMP)) {
            return kind.name() + "(" + precision + ")";
        }
        return kind.name();
    }

    @Override
    public String toString() {
        return sql();
    }
}
