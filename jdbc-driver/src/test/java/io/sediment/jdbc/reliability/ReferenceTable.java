package io.sediment.jdbc.reliability;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The table a hostile workload must never change: {@code REFDATA}, with deterministic rows of every
 * common type (NULLs included), and a checksum over all of its rows in key order. The checksum of
 * what the server returns is compared with the one computed here from the generator, so "intact"
 * means "holds exactly the rows written", not merely "unchanged since some moment". Stateless.
 */
final class ReferenceTable {
    static final String NAME = "REFDATA";
    static final int ROWS = 400;

    private ReferenceTable() {}

    /** Creates {@code REFDATA} and writes its rows (one prepared batch), then flushes them to an SSTable. */
    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + NAME + " (K INTEGER PRIMARY KEY, S VARCHAR(64), D DECIMAL(12, 2),"
                + " B BIGINT, F DOUBLE, T TIMESTAMP(3), FLAG BOOLEAN, V VARBINARY(16))");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + NAME + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int k = 0; k < ROWS; k++) {
                Object[] row = row(k);
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        ps.setNull(i + 1, TYPES[i]);
                    } else {
                        ps.setObject(i + 1, row[i]);
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("CALL SYS.FLUSH()");
        }
    }

    private static final int[] TYPES = {Types.INTEGER, Types.VARCHAR, Types.DECIMAL, Types.BIGINT,
        Types.DOUBLE, Types.TIMESTAMP, Types.BOOLEAN, Types.VARBINARY};

    /** Row {@code k}: key, text (with quotes and non-ASCII), decimal, long, double, time, flag, bytes. */
    static Object[] row(int k) {
        boolean nulls = k % 7 == 3;
        return new Object[] {
            k,
            nulls ? null : "row " + k + " it's \"quoted\" é ☃ " + Integer.toHexString(k * 7919),
            nulls ? null : BigDecimal.valueOf(k * 12_345L - 1_000_000L, 2),
            nulls ? null : (long) k * 1_000_000_007L - Long.MAX_VALUE / 3,
            nulls ? null : k * 0.25 - 17.5,
            nulls ? null : new Timestamp(1_700_000_000_000L + k * 3_600_123L),
            nulls ? null : k % 2 == 0,
            nulls ? null : new byte[] {(byte) k, (byte) (k >> 8), 0, (byte) 0xff},
        };
    }

    /** The checksum {@link #checksum(Connection)} must return while the table is intact. */
    static long expectedChecksum() {
        CRC32C crc = new CRC32C();
        for (int k = 0; k < ROWS; k++) {
            Object[] r = row(k);
            String[] fields = new String[r.length];
            fields[0] = Integer.toString((Integer) r[0]);
            fields[1] = r[1] == null ? null : (String) r[1];
            fields[2] = r[2] == null ? null : ((BigDecimal) r[2]).toPlainString();
            fields[3] = r[3] == null ? null : r[3].toString();
            fields[4] = r[4] == null ? null : Long.toString(Double.doubleToLongBits((Double) r[4]));
            fields[5] = r[5] == null ? null : Long.toString(((Timestamp) r[5]).getTime());
            fields[6] = r[6] == null ? null : r[6].toString();
            fields[7] = r[7] == null ? null : HexFormat.of().formatHex((byte[]) r[7]);
            update(crc, fields);
        }
        return crc.getValue() ^ ((long) ROWS << 32);
    }

    /** Reads all of {@code REFDATA} in key order and checksums it (row count folded in). */
    static long checksum(Connection c) throws SQLException {
        CRC32C crc = new CRC32C();
        long rows = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT K, S, D, B, F, T, FLAG, V FROM " + NAME + " ORDER BY K")) {
            while (rs.next()) {
                rows++;
                String[] fields = new String[8];
                fields[0] = Integer.toString(rs.getInt(1));
                fields[1] = rs.getString(2);
                BigDecimal d = rs.getBigDecimal(3);
                fields[2] = d == null ? null : d.setScale(2).toPlainString();
                long b = rs.getLong(4);
                fields[3] = rs.wasNull() ? null : Long.toString(b);
                double f = rs.getDouble(5);
                fields[4] = rs.wasNull() ? null : Long.toString(Double.doubleToLongBits(f));
                Timestamp t = rs.getTimestamp(6);
                fields[5] = t == null ? null : Long.toString(t.getTime());
                boolean flag = rs.getBoolean(7);
                fields[6] = rs.wasNull() ? null : Boolean.toString(flag);
                byte[] v = rs.getBytes(8);
                fields[7] = v == null ? null : HexFormat.of().formatHex(v);
                update(crc, fields);
            }
        }
        return crc.getValue() ^ (rows << 32);
    }

    private static void update(CRC32C crc, String[] fields) {
        for (String f : fields) {
            byte[] b = f == null ? new byte[] {(byte) 0xfe} : f.getBytes(StandardCharsets.UTF_8);
            crc.update(ByteBuffer.allocate(4).putInt(f == null ? -1 : b.length).array());
            crc.update(b);
        }
    }
}
