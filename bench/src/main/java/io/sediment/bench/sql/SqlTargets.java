package io.sediment.bench.sql;

import io.sediment.jdbc.server.EmbeddedSource;
import io.sediment.jdbc.server.SedimentServer;
import io.sediment.jdbc.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The targets of the SQL benchmark and how each is started: Sediment embedded
 * ({@code jdbc:sediment:<dir>}), Sediment's Avatica server on a free loopback port (in this JVM,
 * reached with {@code jdbc:sediment:remote:url=http://127.0.0.1:PORT}), H2 embedded (file
 * database), H2's TCP server on a free loopback port (in this JVM), and PostgreSQL at a URL the
 * user gives (a server this command does not start). Stateless factory.
 */
public final class SqlTargets {
    /** Every target name, in the order tables list them. */
    public static final List<String> NAMES =
            List.of("sediment", "h2", "sediment-server", "h2-tcp", "postgres");

    static {
        // H2's TCP server listens on every interface unless told otherwise (it refuses remote clients
        // without -tcpAllowOthers, but should not listen there at all); read once, before H2 starts.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private SqlTargets() {}

    /**
     * Starts the target {@code name} with its data under {@code dir} (created; must be empty).
     *
     * @param postgres URL, user and password of PostgreSQL (only read for {@code postgres})
     */
    public static SqlTarget open(String name, Path dir, PgSettings postgres) throws Exception {
        switch (name) {
            case "sediment":
                return new SedimentEmbedded(dir.resolve("sediment"));
            case "h2":
                return new H2Embedded(dir.resolve("h2"));
            case "sediment-server":
                return new SedimentRemote(dir.resolve("sediment-server"));
            case "h2-tcp":
                return new H2Tcp(dir.resolve("h2-tcp"));
            case "postgres":
                if (postgres == null || postgres.url() == null) {
                    throw new IllegalArgumentException("target postgres needs --pg-url");
                }
                return new Postgres(postgres);
            default:
                throw new IllegalArgumentException("unknown target " + name + "; known: " + NAMES);
        }
    }

    /** Where PostgreSQL is and who to log in as ({@code user}/{@code password} may be null). */
    public record PgSettings(String url, String user, String password) {}

    static String productVersion(Connection c) throws SQLException {
        DatabaseMetaData m = c.getMetaData();
        return m.getDatabaseProductName() + " " + m.getDatabaseProductVersion()
                + " (driver " + m.getDriverName() + " " + m.getDriverVersion() + ")";
    }

    /** Sediment through the embedded driver; a keeper connection holds the database open. */
    static final class SedimentEmbedded implements SqlTarget {
        private final String url;
        private final Connection keeper;

        SedimentEmbedded(Path dir) throws SQLException {
            this.url = "jdbc:sediment:" + dir.toAbsolutePath();
            this.keeper = DriverManager.getConnection(url);
        }

        @Override public String name() { return "sediment"; }
        @Override public String group() { return "embedded"; }
        @Override public boolean isSediment() { return true; }

        @Override
        public String describe() {
            try {
                return url + " — " + productVersion(keeper);
            } catch (SQLException e) {
                return url;
            }
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public String settle(Connection c) throws SQLException {
            return sedimentSettle(c);
        }

        @Override
        public void close() throws SQLException {
            keeper.close();
        }
    }

    static String sedimentSettle(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CALL SYS.FLUSH()");
            s.execute("CALL SYS.COMPACT(0)");
        }
        return "CALL SYS.FLUSH(); CALL SYS.COMPACT(0)";
    }

    /** Sediment's Avatica server on 127.0.0.1:0 in this JVM, reached through the thin client. */
    static final class SedimentRemote implements SqlTarget {
        private final SedimentServer server;

        SedimentRemote(Path dir) throws Exception {
            this.server = SedimentServer.start(new EmbeddedSource(dir),
                    new ServerSettings().bind("127.0.0.1").port(0));
        }

        @Override public String name() { return "sediment-server"; }
        @Override public String group() { return "server"; }
        @Override public boolean isSediment() { return true; }

        @Override
        public String describe() {
            try (Connection c = connect()) {
                return server.jdbcUrl() + " (server in this JVM) — " + productVersion(c);
            } catch (SQLException e) {
                return server.jdbcUrl();
            }
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(server.jdbcUrl());
        }

        @Override
        public String settle(Connection c) throws SQLException {
            return sedimentSettle(c);
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    /** H2 embedded on a file database; a keeper connection holds it open. */
    static final class H2Embedded implements SqlTarget {
        private final String url;
        private final Connection keeper;

        H2Embedded(Path dir) throws Exception {
            Files.createDirectories(dir);
            this.url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("kv");
            this.keeper = DriverManager.getConnection(url, "sa", "");
        }

        @Override public String name() { return "h2"; }
        @Override public String group() { return "embedded"; }
        @Override public boolean isSediment() { return false; }

        @Override
        public String describe() {
            try {
                return url + " — " + productVersion(keeper);
            } catch (SQLException e) {
                return url;
            }
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public String settle(Connection c) throws SQLException {
            return h2Settle(c);
        }

        @Override
        public void close() throws SQLException {
            try (Statement s = keeper.createStatement()) {
                s.execute("SHUTDOWN");
            } finally {
                keeper.close();
            }
        }
    }

    static String h2Settle(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            s.execute("CHECKPOINT");
        }
        return "ANALYZE; CHECKPOINT";
    }

    /** H2's TCP server on 127.0.0.1 in this JVM (a free port), reached with jdbc:h2:tcp. */
    static final class H2Tcp implements SqlTarget {
        private final org.h2.tools.Server server;
        private final String url;
        private final Connection keeper;

        H2Tcp(Path dir) throws Exception {
            Files.createDirectories(dir);
            // No -tcpAllowOthers: H2 refuses connections from other hosts.
            this.server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-baseDir",
                    dir.toAbsolutePath().toString(), "-ifNotExists", "-tcpDaemon").start();
            this.url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/kv";
            this.keeper = DriverManager.getConnection(url, "sa", "");
        }

        @Override public String name() { return "h2-tcp"; }
        @Override public String group() { return "server"; }
        @Override public boolean isSediment() { return false; }

        @Override
        public String describe() {
            try {
                return url + " (server in this JVM) — " + productVersion(keeper);
            } catch (SQLException e) {
                return url;
            }
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public String settle(Connection c) throws SQLException {
            return h2Settle(c);
        }

        @Override
        public void close() throws SQLException {
            try {
                try (Statement s = keeper.createStatement()) {
                    s.execute("SHUTDOWN");
                } finally {
                    keeper.close();
                }
            } finally {
                server.stop();
            }
        }
    }

    /** PostgreSQL at a given URL (normally a private cluster on 127.0.0.1); table KV is replaced. */
    static final class Postgres implements SqlTarget {
        private final PgSettings settings;

        Postgres(PgSettings settings) throws SQLException {
            this.settings = settings;
            connect().close(); // fail early, naming the URL
        }

        @Override public String name() { return "postgres"; }
        @Override public String group() { return "server"; }
        @Override public boolean isSediment() { return false; }
        @Override public boolean dropFirst() { return true; }

        @Override
        public String describe() {
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW shared_buffers")) {
                rs.next();
                return settings.url() + " — " + productVersion(c) + ", shared_buffers=" + rs.getString(1);
            } catch (SQLException e) {
                return settings.url();
            }
        }

        @Override
        public Connection connect() throws SQLException {
            Properties p = new Properties();
            if (settings.user() != null) {
                p.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                p.setProperty("password", settings.password());
            }
            try {
                return DriverManager.getConnection(settings.url(), p);
            } catch (SQLException e) {
                throw new SQLException("cannot connect to PostgreSQL at " + settings.url() + ": "
                        + e.getMessage(), e.getSQLState(), e);
            }
        }

        @Override
        public String settle(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE KV");
            }
            return "VACUUM ANALYZE KV";
        }

        @Override
        public void close() {}
    }
}
