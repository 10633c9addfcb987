package io.sediment.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The one Sediment JDBC driver, for embedded and remote databases alike; registered through
 * {@code META-INF/services/java.sql.Driver}, so {@code DriverManager} finds it with no
 * {@code Class.forName}.
 *
 * <ul>
 *   <li>{@code jdbc:sediment:<directory>} opens the database in that directory inside this JVM
 *       (the SQL layer of module sediment-calcite).
 *   <li>{@code jdbc:sediment:remote:url=http://HOST:PORT[;key=value…]} connects to a
 *       {@code sediment serve} server through Avatica's thin client, PROTOBUF serialization by
 *       default; {@code user}/{@code password} become HTTP BASIC credentials, and Avatica's usual
 *       options ({@code truststore}, {@code truststore_password}, {@code serialization}, …) pass
 *       through.
 * </ul>
 *
 * <p>Connections returned by this driver answer {@code DatabaseMetaData.getPrimaryKeys} and
 * {@code getIndexInfo} from the {@code SYS} tables (Avatica's wire protocol has no request for
 * them) and report Sediment's product name and version. Thread-safe and stateless.
 */
public final class Driver implements java.sql.Driver {
    static {
        try {
            DriverManager.registerDriver(new Driver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Creates a driver; {@code DriverManager} registers one instance on class load. */
    public Driver() {}

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        SedimentUrl parsed = SedimentUrl.parse(url);
        Connection raw = parsed.isRemote()
                ? RemoteConnector.connect(parsed, info)
                : EmbeddedConnector.connect(parsed.url(), info);
        return SedimentConnection.wrap(raw, parsed);
    }

    @Override
    public boolean acceptsURL(String url) {
        return SedimentUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo user = new DriverPropertyInfo("user", info == null ? null
                : info.getProperty("user"));
        user.description = "Remote only: the user name of the server's users file (HTTP BASIC).";
        DriverPropertyInfo password = new DriverPropertyInfo("password", null);
        password.description = "Remote only: the user's password.";
        DriverPropertyInfo truststore = new DriverPropertyInfo("truststore", null);
        truststore.description = "Remote https only: a trust store holding the server's certificate.";
        DriverPropertyInfo truststorePassword = new DriverPropertyInfo("truststore_password", null);
        truststorePassword.description = "Remote https only: the trust store's password.";
        return new DriverPropertyInfo[] {user, password, truststore, truststorePassword};
    }

    @Override
    public int getMajorVersion() {
        return SedimentVersion.major();
    }

    @Override
    public int getMinorVersion() {
        return SedimentVersion.minor();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Sediment's driver does not use java.util.logging");
    }
}
