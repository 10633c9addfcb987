package io.sediment.calcite.jdbc;

import io.sediment.calcite.catalog.DatabaseRegistry;
import io.sediment.calcite.schema.Session;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The public entry point for embedded SQL connections: {@code jdbc:sediment:<directory>}
 * (optionally followed by {@code ;key=value} pairs) or a directory path. The database directory
 * is created if missing. All connections to one directory in this JVM share one open engine;
 * the last connection to close closes it.
 *
 * <p>Connection properties (from the URL or {@code info}): {@code sync=true|false} (default
 * false) — whether INSERT/UPDATE/DELETE wait for the WAL to reach disk; {@code statement_timeout=N}
 * (seconds, default 0 = none) — every statement of the connection that is still reading rows N
 * seconds after it started executing fails, like a query timeout set on each statement (the shorter of the two applies);
 * {@code checkpoint_dir=DIR} — SYS.CHECKPOINT writes only inside DIR (relative targets resolve
 * there; the server sets this). {@code user} and
 * {@code password} are accepted and ignored (embedded databases have no accounts); other
 * properties are ignored too. Remote URLs ({@code jdbc:sediment:remote:...}) are not handled here.
 */
public final class SedimentConnections {
    /** URL prefix of embedded (and remote) Sediment connections. */
    public static final String PREFIX = "jdbc:sediment:";
    /** URL prefix of remote connections, which this module does not serve. */
    public static final String REMOTE_PREFIX = "jdbc:sediment:remote:";
    private static final Set<String> BOOLEANS = Set.of("true", "false");

    private SedimentConnections() {
    }

    /** Whether {@code url} is an embedded Sediment URL. */
    public static boolean acceptsUrl(String url) {
        return url != null && url.startsWith(PREFIX) && !url.startsWith(REMOTE_PREFIX);
    }

    /** Opens an embedded connection for a {@code jdbc:sediment:<directory>} URL. */
    public static Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsUrl(url)) {
            throw new SQLException("not an embedded Sediment URL: " + url
                    + " (expected jdbc:sediment:<directory>)", "08001");
        }
        String rest = url.substring(PREFIX.length());
        Properties props = new Properties();
        String[] parts = rest.split(";");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                continue;
            }
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new SQLException("malformed URL option '" + parts[i] + "' in " + url + " (expected key=value)",
                        "08001");
            }
            props.setProperty(parts[i].substring(0, eq).trim(), parts[i].substring(eq + 1).trim());
        }
        if (info != null) {
            for (String k : info.stringPropertyNames()) {
                props.setProperty(k, info.getProperty(k));
            }
        }
        if (parts.length == 0 || parts[0].isBlank()) {
            throw new SQLException("no database directory in " + url + " (expected jdbc:sediment:<directory>)",
                    "08001");
        }
        Path dir;
        try {
            dir = Path.of(parts[0]);
        } catch (InvalidPathException e) {
            throw new SQLException("invalid database directory in " + url + ": " + e.getMessage(), "08001", e);
        }
        return connect(dir, props, url);
    }

    /** Opens an embedded connection to the database in {@code directory}. */
    public static Connection connect(Path directory, Properties info) throws SQLException {
        return connect(directory, info == null ? new Properties() : info, PREFIX + directory);
    }

    private static Connection connect(Path directory, Properties info, String url) throws SQLException {
        String sync = info.getProperty("sync", "false").trim().toLowerCase(Locale.ROOT);
        if (!BOOLEANS.contains(sync)) {
            throw new SQLException("connection property sync must be true or false, not '" + sync + "'", "08001");
        }
        int timeout = statementTimeout(info.getProperty("statement_timeout", "0"));
        String checkpointDir = info.getProperty("checkpoint_dir");
        Path checkpoints = checkpointDir == null || checkpointDir.isBlank() ? null
                : Path.of(checkpointDir.trim()).toAbsolutePath().normalize();
        DatabaseRegistry.Lease lease;
        try {
            lease = DatabaseRegistry.acquire(directory);
        } catch (Exception e) {
            throw new SQLException("cannot open Sediment database in " + directory + ": " + e.getMessage(), "08001", e);
        }
        Session session = new Session(lease, Boolean.parseBoolean(sync), timeout, checkpoints);
        try {
            return CalciteEmbedding.INSTANCE.open(session, url);
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static int statementTimeout(String value) throws SQLException {
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SQLException("connection property statement_timeout must be a number of seconds (0 = none), not '"
                + value + "'", "08001");
    }
}
