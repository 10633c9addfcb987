package io.sediment.jdbc;

import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.Helper;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;

/**
 * Wraps the statements and result sets of a remote (Avatica thin client) connection to correct
 * three ways in which Avatica's client departs from JDBC:
 * <ul>
 *   <li>{@code executeQuery} of a statement that returns no rows runs it and returns null — here it
 *       throws an SQLException, as JDBC requires (the statement has run by then, as it has with
 *       drivers that check only afterwards);
 *   <li>failures that surface as unchecked exceptions — a server error computing a later frame of
 *       a result ({@code AvaticaClientRuntimeException} from {@code ResultSet.next()}), a bad value
 *       for {@code setObject(i, x, targetType)} ({@code NumberFormatException}) — are thrown as
 *       SQLExceptions with the same message, from every method that declares SQLException;
 *   <li>{@code setObject(i, x, targetType)} with a {@link Timestamp}, {@link Date} or {@link Time}
 *       for its own SQL type, which Avatica refuses as unsupported, binds it as
 *       {@code setTimestamp}/{@code setDate}/{@code setTime} would.
 * </ul>
 * Statements' {@code getConnection()} and result sets' {@code getStatement()} return the wrappers;
 * {@code unwrap} reaches Avatica's objects. As thread-safe as the objects it wraps.
 */
final class ThinClientStatements implements InvocationHandler {
    private final Object delegate;
    private final Object parent;

    private ThinClientStatements(Object delegate, Object parent) {
        this.delegate = delegate;
        this.parent = parent;
    }

    /** Wraps {@code statement}, created by {@code connection} (the wrapper the user holds). */
    static Statement wrap(Statement statement, Class<? extends Statement> type, Connection connection) {
        return statement == null ? null : type.cast(proxy(statement, type, connection));
    }

    private static Object proxy(Object delegate, Class<?> type, Object parent) {
        return WrapperProxies.proxy(type, new ThinClientStatements(delegate, parent));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object answer = WrapperProxies.answer(proxy, delegate, method, args);
        if (answer != WrapperProxies.NOT_ANSWERED) {
            return answer;
        }
        String name = method.getName();
        if (args == null && (name.equals("getConnection") || name.equals("getStatement"))) {
            return parent;
        }
        if (args == null && name.equals("toString")) {
            return "Sediment(" + delegate + ")";
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (name.equals("setObject") && cause instanceof UnsupportedOperationException && bindTemporal(args)) {
                return null;
            }
            throw asDeclared(method, cause);
        }
        if (name.equals("executeQuery") && result == null) {
            throw new SQLException("the statement returns no result set (it ran): use executeUpdate or execute",
                    "07000");
        }
        if (result instanceof ResultSet rs && method.getReturnType() == ResultSet.class) {
            return proxy(rs, ResultSet.class, proxy);
        }
        return result;
    }

    /** {@code setObject(i, x, TIMESTAMP|DATE|TIME[, scale])} for a value of that very type. */
    private boolean bindTemporal(Object[] args) throws SQLException {
        if (args.length < 3 || !(args[0] instanceof Integer i) || !(args[2] instanceof Integer type)
                || !(delegate instanceof PreparedStatement ps)) {
            return false;
        }
        if (type == Types.TIMESTAMP && args[1] instanceof Timestamp t) {
            ps.setTimestamp(i, t);
        } else if (type == Types.DATE && args[1] instanceof Date d) {
            ps.setDate(i, d);
        } else if (type == Types.TIME && args[1] instanceof Time t) {
            ps.setTime(i, t);
        } else {
            return false;
        }
        return true;
    }

    /**
     * {@code failure} as the method may throw it: unchecked exceptions become SQLExceptions where
     * declared — a server error keeps the server's SQLSTATE, error code and stack (Avatica's own
     * conversion), a value that is not a number gets SQLSTATE 22018.
     */
    private static Throwable asDeclared(Method method, Throwable failure) {
        if (failure instanceof SQLException || failure instanceof Error
                || !Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
            return failure;
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (failure instanceof AvaticaClientRuntimeException server) {
            return Helper.INSTANCE.createException(message, server);
        }
        if (failure instanceof NumberFormatException) {
            return new SQLException("not a number: " + message, "22018", failure);
        }
        return new SQLException(message, failure);
    }

    /** The statement interface a connection method returns, or null if it returns none. */
    static Class<? extends Statement> statementType(Method method) {
        Class<?> type = method.getReturnType();
        if (type == Statement.class || type == PreparedStatement.class || type == CallableStatement.class) {
            return type.asSubclass(Statement.class);
        }
        return null;
    }
}
