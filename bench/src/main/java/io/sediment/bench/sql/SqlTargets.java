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
                return H2.embedded(dir.resolve("h2"));
            case "sediment-server":
                return new SedimentRemote(dir.resolve("sediment-server"));
            case "h2-tcp":
                return H2.tcp(dir.resolve("h2-tcp"));
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

    /**
     * H2 on a file database, embedded ({@code jdbc:h2:file:}) or through H2's TCP server on
     * 127.0.0.1 in this JVM (a free port; {@code jdbc:h2:tcp:}); a keeper connection holds the
     * database open.
     */
    static final class H2 implements SqlTarget {
        private final String name;
        private final org.h2.tools.Server server; // null when embedded
        private final String url;
        private final Connection keeper;

        private H2(String name, org.h2.tools.Server server, String url) throws SQLException {
            this.name = name;
            this.server = server;
            this.url = url;
            this.keeper = DriverManager.getConnection(url, "sa", "");
        }

        static H2 embedded(Path dir) throws Exception {
            Files.createDirectories(dir);
            return new H2("h2", null, "jdbc:h2:file:" + dir.toAbsolutePath().resolve("kv"));
        }

        static H2 tcp(Path dir) throws Exception {
            Files.createDirectories(dir);
            // No -tcpAllowOthers: H2 refuses connections from other hosts.
            org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-baseDir",
                    dir.toAbsolutePath().toString(), "-ifNotExists", "-tcpDaemon").start();
            return new H2("h2-tcp", server, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/kv");
        }

        @Override public String name() { return name; }
        @Override public String group() { return server == null ? "embedded" : "server"; }
        @Override public boolean isSediment() { return false; }

        @Override
        public String describe() {
            String where = server == null ? url : url + " (server in this JVM)";
            try {
                return where + " — " + productVersion(keeper);
            } catch (SQLException e) {
                return where;
            }
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public String settle(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
                s.execute("CHECKPOINT");
            }
            return "ANALYZE; CHECKPOINT";
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
                if (server != null) {
                    server.stop();
                }
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
