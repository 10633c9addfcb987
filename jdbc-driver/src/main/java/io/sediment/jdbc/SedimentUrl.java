package io.sediment.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A parsed Sediment JDBC URL: either embedded ({@code jdbc:sediment:<directory>[;key=value…]}) or remote
 * ({@code jdbc:sediment:remote:url=http://HOST:PORT;key=value...}).
 *
 * <p>For a remote URL this class builds the equivalent Avatica thin-client URL. It defaults
 * {@code serialization} to {@code PROTOBUF} (the server's wire format) and turns the JDBC
 * {@code user}/{@code password} properties into Avatica's HTTP BASIC credentials
 * ({@code authentication=BASIC;avatica_user=…;avatica_password=…}) unless the caller gave those
 * explicitly, so that a BI tool's user and password fields just work. Immutable.
 */
public final class SedimentUrl {
    /** Prefix of every URL this driver accepts. */
    public static final String PREFIX = "jdbc:sediment:";
    /** Prefix of remote URLs. */
    public static final String REMOTE_PREFIX = PREFIX + "remote:";
    private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";

    private final String url;
    private final Path directory;
    private final String remoteOptions;

    private SedimentUrl(String url, Path directory, String remoteOptions) {
        this.url = url;
        this.directory = directory;
        this.remoteOptions = remoteOptions;
    }

    /** Whether {@code url} is one this driver handles (it may still be malformed). */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Parses a URL.
     *
     * @throws SQLException naming what is wrong when the URL is not a Sediment URL, names no
     *     directory, or is remote without a {@code url=} option
     */
    public static SedimentUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("Not a Sediment URL (expected jdbc:sediment:<directory> or "
                    + "jdbc:sediment:remote:url=http://HOST:PORT): " + url, "08001");
        }
        if (url.regionMatches(true, 0, REMOTE_PREFIX, 0, REMOTE_PREFIX.length())) {
            String options = url.substring(REMOTE_PREFIX.length());
            if (option(options, "url") == null) {
                throw new SQLException("Remote Sediment URL names no server; expected "
                        + "jdbc:sediment:remote:url=http://HOST:PORT but got: " + url, "08001");
            }
            return new SedimentUrl(url, null, options);
        }
        String rest = url.substring(PREFIX.length());
        int semicolon = rest.indexOf(';');
        String dir = (semicolon < 0 ? rest : rest.substring(0, semicolon)).trim();
        if (dir.isEmpty()) {
            throw new SQLException("Embedded Sediment URL names no directory; expected "
                    + "jdbc:sediment:<directory> but got: " + url, "08001");
        }
        return new SedimentUrl(url, Path.of(dir), null);
    }

    /** The URL as given. */
    public String url() {
        return url;
    }

    /** Whether this is a remote (thin client) URL. */
    public boolean isRemote() {
        return remoteOptions != null;
    }

    /** The database directory of an embedded URL; {@code null} for a remote one. */
    public Path directory() {
        return directory;
    }

    /**
     * The Avatica thin-client URL for a remote URL, with PROTOBUF serialization unless the URL
     * chose another.
     */
    public String avaticaUrl() {
        if (!isRemote()) {
            throw new IllegalStateException("not a remote URL: " + url);
        }
        String options = remoteOptions;
        if (option(options, "serialization") == null) {
            options = options + (options.endsWith(";") ? "" : ";") + "serialization=PROTOBUF";
        }
        return AVATICA_PREFIX + options;
    }

    /**
     * The properties to hand Avatica's driver: {@code info} plus HTTP BASIC credentials derived
     * from {@code user}/{@code password} when neither the URL nor {@code info} set Avatica's own.
     */
    public Properties avaticaProperties(Properties info) {
        Properties p = new Properties();
        if (info != null) {
            p.putAll(info);
        }
        String user = firstNonNull(p.getProperty("user"), option(remoteOptions, "user"));
        String password = firstNonNull(p.getProperty("password"), option(remoteOptions, "password"));
        boolean explicit = p.getProperty("avatica_user") != null
                || option(remoteOptions, "avatica_user") != null
                || p.getProperty("authentication") != null
                || option(remoteOptions, "authentication") != null;
        if (!explicit && user != null && !user.isEmpty()) {
            p.setProperty("authentication", "BASIC");
            p.setProperty("avatica_user", user);
            p.setProperty("avatica_password", password == null ? "" : password);
        }
        return p;
    }

    /** The value of {@code key} in a {@code k=v;k=v} option string, or {@code null}. */
    static String option(String options, String key) {
        if (options == null) {
            return null;
        }
        for (String part : options.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals(key)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    @Override
    public String toString() {
        return url;
    }
}
