package io.sediment.calcite.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * JDBC driver for embedded databases, {@code jdbc:sediment:<directory>}; registered through
 * {@code META-INF/services/java.sql.Driver}. Declines {@code jdbc:sediment:remote:} URLs (the
 * jdbc-driver module's {@code io.sediment.jdbc.Driver} serves both kinds). See
 * {@link SedimentConnections} for properties.
 */
public final class EmbeddedDriver implements Driver {
    static {
        try {
            DriverManager.registerDriver(new EmbeddedDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? SedimentConnections.connect(url, info) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return SedimentConnections.acceptsUrl(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo sync = new DriverPropertyInfo("sync", info == null ? "false" : info.getProperty("sync", "false"));
        sync.description = "whether INSERT/UPDATE/DELETE wait for the write-ahead log to reach disk";
        sync.choices = new String[] {"true", "false"};
        return new DriverPropertyInfo[] {sync};
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }
}
