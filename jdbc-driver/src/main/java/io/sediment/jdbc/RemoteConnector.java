package io.sediment.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a thin-client connection to a Sediment server through Avatica's remote driver.
 * Stateless; the Avatica driver instance is shared and thread-safe.
 */
final class RemoteConnector {
    private static final org.apache.calcite.avatica.remote.Driver AVATICA =
            new org.apache.calcite.avatica.remote.Driver();

    private RemoteConnector() {}

    /** Connects to the server {@code url} names; errors name the server address. */
    static Connection connect(SedimentUrl url, Properties info) throws SQLException {
        String avaticaUrl = url.avaticaUrl();
        try {
            Connection c = AVATICA.connect(avaticaUrl, url.avaticaProperties(info));
            if (c == null) {
                throw new SQLException("Avatica refused the URL " + avaticaUrl, "08001");
            }
            return c;
        } catch (RuntimeException e) {
            // Avatica reports HTTP failures (refused connection, 401, TLS errors) as runtime exceptions.
            throw new SQLException("Cannot connect to Sediment server "
                    + SedimentUrl.option(url.avaticaUrl().substring("jdbc:avatica:remote:".length()), "url")
                    + ": " + describe(e), "08001", e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && sb.indexOf(t.getMessage()) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(t.getMessage());
            }
        }
        String s = sb.toString();
        if (s.contains("401")) {
            return "authentication failed (HTTP 401): wrong user or password — " + s;
        }
        return s.isEmpty() ? e.toString() : s;
    }
}
