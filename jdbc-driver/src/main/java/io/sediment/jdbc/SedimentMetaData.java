package io.sediment.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/**
 * Sediment's {@link DatabaseMetaData}: the wrapped connection's metadata, except that
 * <ul>
 *   <li>{@code getPrimaryKeys} and {@code getIndexInfo} are answered by {@link KeyMetadataQueries}
 *       with SQL over {@code SYS.PRIMARY_KEYS} and {@code SYS.INDEXES} — through Avatica's thin
 *       client they would otherwise come back empty, because its protocol has no such request;
 *   <li>product and driver name and version are Sediment's (not "Avatica" or "Calcite");
 *   <li>{@code getConnection} and {@code getURL} return the Sediment connection and URL.
 * </ul>
 * As thread-safe as the wrapped connection.
 */
final class SedimentMetaData implements InvocationHandler {
    private final DatabaseMetaData delegate;
    private final Connection connection;
    private final SedimentUrl url;

    private SedimentMetaData(DatabaseMetaData delegate, Connection connection, SedimentUrl url) {
        this.delegate = delegate;
        this.connection = connection;
        this.url = url;
    }

    static DatabaseMetaData wrap(DatabaseMetaData raw, Connection connection, SedimentUrl url) {
        return WrapperProxies.proxy(DatabaseMetaData.class, new SedimentMetaData(raw, connection, url));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object answer = WrapperProxies.answer(self, delegate, method, args);
        if (answer != WrapperProxies.NOT_ANSWERED) {
            return answer;
        }
        int arity = args == null ? 0 : args.length;
        switch (method.getName() + "/" + arity) {
            case "getPrimaryKeys/3":
                return KeyMetadataQueries.primaryKeys(connection,
                        (String) args[1], (String) args[2]);
            case "getIndexInfo/5":
                return KeyMetadataQueries.indexInfo(connection,
                        (String) args[1], (String) args[2], (Boolean) args[3]);
            case "getDatabaseProductName/0":
                return SedimentVersion.PRODUCT_NAME;
            case "getDatabaseProductVersion/0":
            case "getDriverVersion/0":
                return SedimentVersion.version();
            case "getDatabaseMajorVersion/0":
            case "getDriverMajorVersion/0":
                return SedimentVersion.major();
            case "getDatabaseMinorVersion/0":
            case "getDriverMinorVersion/0":
                return SedimentVersion.minor();
            case "getDriverName/0":
                return SedimentVersion.DRIVER_NAME;
            case "getConnection/0":
                return connection;
            case "getURL/0":
                return url.url();
            case "toString/0":
                return "SedimentMetaData[" + url + "]";
            default:
                break;
        }
        return WrapperProxies.call(delegate, method, args);
    }
}
