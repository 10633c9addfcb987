package io.sediment.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;

/**
 * Wraps a connection (embedded or Avatica thin client) so that {@link Connection#getMetaData()}
 * returns {@link SedimentMetaData}'s view, and a remote connection's statements correct the thin
 * client's departures from JDBC ({@link ThinClientStatements}); every other call goes straight to
 * the wrapped connection. {@code unwrap} reaches the wrapped connection. As thread-safe as the connection.
 */
final class SedimentConnection implements InvocationHandler {
    private final Connection delegate;
    private final SedimentUrl url;
    private volatile DatabaseMetaData metaData;
    private Connection proxy;

    private SedimentConnection(Connection delegate, SedimentUrl url) {
        this.delegate = delegate;
        this.url = url;
    }

    /** Returns {@code raw} wrapped; closing the wrapper closes {@code raw}. */
    static Connection wrap(Connection raw, SedimentUrl url) {
        SedimentConnection handler = new SedimentConnection(raw, url);
        handler.proxy = WrapperProxies.proxy(Connection.class, handler);
        return handler.proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object answer = WrapperProxies.answer(self, delegate, method, args);
        if (answer != WrapperProxies.NOT_ANSWERED) {
            return answer;
        }
        switch (method.getName()) {
            case "getMetaData":
                if (args == null) {
                    DatabaseMetaData m = metaData;
                    if (m == null) {
                        m = SedimentMetaData.wrap(delegate.getMetaData(), proxy, url);
                        metaData = m;
                    }
                    return m;
                }
                break;
            case "toString":
                if (args == null) {
                    return "SedimentConnection[" + url + "]";
                }
                break;
            default:
                break;
        }
        Object result = WrapperProxies.call(delegate, method, args);
        if (url.isRemote()) {
            Class<? extends Statement> statementType = ThinClientStatements.statementType(method);
            if (statementType != null) {
                return ThinClientStatements.wrap((Statement) result, statementType, proxy);
            }
        }
        return result;
    }
}
