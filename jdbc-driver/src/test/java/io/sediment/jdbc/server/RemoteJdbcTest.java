package io.sediment.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on port 0 over a real Sediment database, checked the same way through
 * {@code io.sediment.jdbc.Driver} ({@code jdbc:sediment:remote:}) and the stock Avatica client
 * ({@code jdbc:avatica:remote:…;serialization=PROTOBUF}): DDL, DML, prepared statements, the
 * metadata BI tools read, limits and cancel, 16 concurrent clients, and the refusal of
 * client-supplied Java code and connection properties. Each driver works on its own tables.
 */
class RemoteJdbcTest {
    @TempDir static Path dir;
    private static SedimentServer server;

    @BeforeAll
    static void start() throws Exception {
        UsersFile users = UsersFile.empty().put("alice",
            PasswordHash.create("pw".toCharArray(), 1_000));
        server = SedimentServer.start(new EmbeddedSource(dir.resolve("db")),
            new ServerSettings().port(0).users(users));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Connection connect(String driver) throws SQLException {
        return connect(driver, "");
    }

    static Connection connect(String driver, String extra) throws SQLException {
        if (driver.equals("sediment")) {
            Properties p = new Properties();
            p.setProperty("user", "alice");
            p.setProperty("password", "pw");
            return DriverManager.getConnection(server.jdbcUrl() + extra, p);
        }
        return DriverManager.getConnection("jdbc:avatica:remote:url=" + server.httpUrl()
            + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=alice;avatica_password=pw"
            + extra);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sediment", "avatica"})
    void ddlDmlAndResultSetMetaData(String driver) throws SQLException {
        String t = "ITEMS_" + driver.toUpperCase();
        try (Connection c = connect(driver); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (ID INTEGER NOT NULL, NAME VARCHAR(20),"
                + " PRICE DECIMAL(8, 2), ADDED DATE, ACTIVE BOOLEAN, WEIGHT DOUBLE, BIG BIGINT,"
                + " PRIMARY KEY (ID))");
            assertEquals(3, s.executeUpdate("INSERT INTO " + t + " VALUES"
                + " (1, 'one', 1.50, DATE '2024-01-02', TRUE, 0.5, 10000000000),"
                + " (2, 'two', 2.25, DATE '2024-02-03', FALSE, 1.5, 2),"
                + " (3, NULL, NULL, NULL, NULL, NULL, NULL)"));
            assertEquals(1, s.executeUpdate("UPDATE " + t + " SET NAME = 'zwei' WHERE ID = 2"));
            assertEquals(1, s.executeUpdate("DELETE FROM " + t + " WHERE ID = 1"));
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + t + " ORDER BY ID")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(7, md.getColumnCount());
                assertEquals("ID", md.getColumnLabel(1));
                assertEquals(Types.INTEGER, md.getColumnType(1));
                assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
                assertEquals(Types.VARCHAR, md.getColumnType(2));
                assertEquals(20, md.getPrecision(2));
                assertEquals(Types.DECIMAL, md.getColumnType(3));
                assertEquals(8, md.getPrecision(3));
                assertEquals(2, md.getScale(3));
                assertEquals(Types.DATE, md.getColumnType(4));
                assertEquals(Types.BOOLEAN, md.getColumnType(5));
                assertEquals(Types.DOUBLE, md.getColumnType(6));
                assertEquals(Types.BIGINT, md.getColumnType(7));
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertEquals("zwei", rs.getString(2));
                assertEquals(new BigDecimal("2.25"), rs.getBigDecimal(3));
                assertEquals(Date.valueOf("2024-02-03"), rs.getDate(4));
                assertFalse(rs.getBoolean(5));
                assertEquals(1.5, rs.getDouble(6));
                assertEquals(2L, rs.getLong(7));
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertEquals(null, rs.getString(2));
                rs.getLong(7);
                assertTrue(rs.wasNull());
                assertFalse(rs.next());
            }
            SQLException dup = assertThrows(SQLException.class,
                () -> s.executeUpdate("INSERT INTO " + t + " (ID, NAME) VALUES (2, 'again')"));
            assertNotNull(dup.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sediment", "avatica"})
    void preparedStatementsLimitsAndFetchSize(String driver) throws SQLException {
        String t = "EVENTS_" + driver.toUpperCase();
        try (Connection c = connect(driver)) {
            c.createStatement().execute("CREATE TABLE " + t
                + " (ID BIGINT NOT NULL, KIND VARCHAR(10), AMOUNT DECIMAL(10, 2), PRIMARY KEY (ID))");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 100; i++) {
                    ins.setLong(1, i);
                    if (i % 10 == 0) {
                        ins.setNull(2, Types.VARCHAR);
                    } else {
                        ins.setString(2, i % 2 == 0 ? "even" : "odd");
                    }
                    ins.setBigDecimal(3, BigDecimal.valueOf(i * 101L, 2));
                    assertEquals(1, ins.executeUpdate());
                }
            }
            try (PreparedStatement point = c.prepareStatement(
                "SELECT KIND, AMOUNT FROM " + t + " WHERE ID = ?")) {
                for (int i : new int[] {1, 42, 100}) {
                    point.setLong(1, i);
                    try (ResultSet rs = point.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i % 10 == 0 ? null : i % 2 == 0 ? "even" : "odd", rs.getString(1));
                        assertEquals(BigDecimal.valueOf(i * 101L, 2), rs.getBigDecimal(2));
                        assertFalse(rs.next());
                    }
                }
            }
            try (PreparedStatement range = c.prepareStatement(
                "SELECT ID FROM " + t + " WHERE ID BETWEEN ? AND ? AND KIND = ? ORDER BY ID")) {
                range.setLong(1, 10);
                range.setLong(2, 20);
                range.setString(3, "odd");
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = range.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                assertEquals(List.of(11L, 13L, 15L, 17L, 19L), ids);
            }
            try (Statement s = c.createStatement()) {
                s.setMaxRows(5);
                assertEquals(5, count(s.executeQuery("SELECT * FROM " + t)));
                s.setMaxRows(0);
                s.setFetchSize(7);
                s.setQueryTimeout(30);
                assertEquals(100, count(s.executeQuery("SELECT * FROM " + t)));
            }
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10);
                ResultSet rs = s.executeQuery("SELECT * FROM " + t);
                assertTrue(rs.next());
                s.cancel();
                // After cancel the result set stops: either it is closed or the next fetch fails.
                try {
                    int more = 0;
                    while (rs.next()) {
                        more++;
                    }
                    assertTrue(more < 99, "cancel stopped nothing");
                } catch (SQLException expected) {
                    // cancelled
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sediment", "avatica"})
    void metadataThatBiToolsRead(String driver) throws SQLException {
        String t = "META_" + driver.toUpperCase();
        try (Connection c = connect(driver)) {
            c.createStatement().execute("CREATE TABLE " + t
                + " (A INTEGER NOT NULL, B VARCHAR(30) NOT NULL, C DECIMAL(12, 3), PRIMARY KEY (A, B))");
            DatabaseMetaData md = c.getMetaData();
            count(md.getCatalogs());
            Set<String> schemas = column(md.getSchemas(), "TABLE_SCHEM");
            assertTrue(schemas.containsAll(Set.of("PUBLIC", "SYS")), schemas.toString());
            Set<String> tables = column(md.getTables(null, "PUBLIC", "%", new String[] {"TABLE"}),
                "TABLE_NAME");
            assertTrue(tables.contains(t), tables.toString());
            // SYS tables are SYSTEM TABLEs, apart from the user's TABLEs.
            Set<String> system = column(md.getTables(null, "SYS", "%",
                new String[] {"SYSTEM TABLE"}), "TABLE_NAME");
            assertTrue(column(md.getTables(null, "SYS", "%", new String[] {"TABLE"}), "TABLE_NAME").isEmpty());
            assertTrue(system.containsAll(Set.of("SSTABLES", "LEVELS", "COMPACTIONS", "METRICS",
                "SNAPSHOTS", "PRIMARY_KEYS", "INDEXES")), system.toString());
            assertTrue(column(md.getTableTypes(), "TABLE_TYPE").contains("TABLE"));
            try (ResultSet rs = md.getColumns(null, "PUBLIC", t, "%")) {
                assertTrue(rs.next());
                assertEquals("A", rs.getString("COLUMN_NAME"));
                assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
                assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
                assertTrue(rs.next());
                assertEquals("B", rs.getString("COLUMN_NAME"));
                assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
                assertEquals(30, rs.getInt("COLUMN_SIZE"));
                assertTrue(rs.next());
                assertEquals("C", rs.getString("COLUMN_NAME"));
                assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
                assertEquals(12, rs.getInt("COLUMN_SIZE"));
                assertEquals(3, rs.getInt("DECIMAL_DIGITS"));
                assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
                assertFalse(rs.next());
            }
            assertTrue(count(md.getTypeInfo()) > 5);
            if (driver.equals("sediment")) {
                assertEquals("Sediment", md.getDatabaseProductName());
                assertFalse(md.getDatabaseProductVersion().isEmpty());
                try (ResultSet rs = md.getPrimaryKeys(null, "PUBLIC", t)) {
                    assertTrue(rs.next());
                    assertEquals("A", rs.getString("COLUMN_NAME"));
                    assertEquals(1, rs.getShort("KEY_SEQ"));
                    assertEquals(t, rs.getString("TABLE_NAME"));
                    assertTrue(rs.next());
                    assertEquals("B", rs.getString("COLUMN_NAME"));
                    assertEquals(2, rs.getShort("KEY_SEQ"));
                    assertFalse(rs.next());
                }
                try (ResultSet rs = md.getIndexInfo(null, "PUBLIC", t, false, true)) {
                    assertTrue(rs.next());
                    assertFalse(rs.getBoolean("NON_UNIQUE"));
                    assertEquals("A", rs.getString("COLUMN_NAME"));
                }
                assertEquals(c, md.getConnection());
            } else {
                // The stock client has no wire request for keys: documented, and why our driver exists.
                assertEquals(0, count(md.getPrimaryKeys(null, "PUBLIC", t)));
            }
            // Any client can read keys with SQL.
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COLUMN_NAME FROM "
                + "SYS.PRIMARY_KEYS WHERE TABLE_NAME = '" + t + "' ORDER BY KEY_SEQ")) {
                assertTrue(rs.next());
                assertEquals("A", rs.getString(1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sediment", "avatica"})
    void clientsCannotLoadJavaCodeOrSetCalciteProperties(String driver) throws SQLException {
        try (Connection c = connect(driver); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute(
                "CREATE FUNCTION EVIL AS 'java.lang.Runtime'"));
            assertNotNull(e.getMessage());
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT EVIL() FROM (VALUES 1)"));
        }
        // A model or schema factory sent by the client is ignored: the schema is still Sediment's.
        String inline = ";model=inline:{version:'1.0',defaultSchema:'X',schemas:[{name:'X',"
            + "type:'custom',factory:'org.apache.calcite.adapter.java.ReflectiveSchema$Factory',"
            + "operand:{class:'java.lang.Object'}}]};schemaFactory=java.lang.Object;fun=all";
        try (Connection c = connect(driver, inline);
            ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM SYS.LEVELS")) {
            assertTrue(rs.next());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sediment", "avatica"})
    void sixteenConcurrentClientsReadAndWriteConsistently(String driver) throws Exception {
        String t = "ACCOUNTS_" + driver.toUpperCase();
        try (Connection c = connect(driver)) {
            c.createStatement().execute("CREATE TABLE " + t
                + " (CLIENT INTEGER NOT NULL, SEQ INTEGER NOT NULL, VAL BIGINT, PRIMARY KEY (CLIENT, SEQ))");
        }
        int clients = 16;
        int ops = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int client = k;
                futures.add(pool.submit(() -> {
                    long sum = 0;
                    try (Connection c = connect(driver);
                        PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO " + t + " VALUES (?, ?, ?)");
                        PreparedStatement get = c.prepareStatement(
                            "SELECT VAL FROM " + t + " WHERE CLIENT = ? AND SEQ = ?");
                        PreparedStatement mine = c.prepareStatement(
                            "SELECT SEQ, VAL FROM " + t + " WHERE CLIENT = ? ORDER BY SEQ");
                        PreparedStatement all = c.prepareStatement("SELECT COUNT(*) FROM " + t)) {
                        for (int i = 1; i <= ops; i++) {
                            long val = client * 1_000L + i;
                            ins.setInt(1, client);
                            ins.setInt(2, i);
                            ins.setLong(3, val);
                            assertEquals(1, ins.executeUpdate());
                            sum += val;
                            get.setInt(1, client);
                            get.setInt(2, i);
                            try (ResultSet rs = get.executeQuery()) {
                                assertTrue(rs.next());
                                assertEquals(val, rs.getLong(1));
                            }
                            if (i % 10 == 0) {
                                mine.setInt(1, client);
                                int rows = 0;
                                long seen = 0;
                                try (ResultSet rs = mine.executeQuery()) {
                                    while (rs.next()) {
                                        assertEquals(++rows, rs.getInt(1));
                                        seen += rs.getLong(2);
                                    }
                                }
                                assertEquals(i, rows);
                                assertEquals(sum, seen);
                                try (ResultSet rs = all.executeQuery()) {
                                    assertTrue(rs.next());
                                    int n = rs.getInt(1);
                                    assertTrue(n >= i && n <= clients * ops, "count " + n);
                                }
                            }
                        }
                    }
                    return sum;
                }));
            }
            long expected = 0;
            for (Future<Long> f : futures) {
                expected += f.get(3, TimeUnit.MINUTES);
            }
            try (Connection c = connect(driver);
                ResultSet rs = c.createStatement().executeQuery("SELECT VAL FROM " + t)) {
                int rows = 0;
                long sum = 0;
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(1);
                }
                assertEquals(clients * ops, rows);
                assertEquals(expected, sum);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int count(ResultSet rs) throws SQLException {
        int n = 0;
        try (rs) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    private static Set<String> column(ResultSet rs, String name) throws SQLException {
        Set<String> values = new HashSet<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(name));
            }
        }
        return values;
    }
}
