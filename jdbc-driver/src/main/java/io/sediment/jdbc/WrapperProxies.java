package io.sediment.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * What every JDBC wrapper of this driver ({@link SedimentConnection}, {@link SedimentMetaData},
 * {@link ThinClientStatements}) does alike: a dynamic proxy of one JDBC interface around the
 * driver's object, equal only to itself, whose {@code unwrap}/{@code isWrapperFor} reach the
 * wrapped object, and whose other calls go to it with its own exceptions. Stateless.
 */
final class WrapperProxies {
    /** {@link #answer}'s result for a method it leaves to the wrapper. */
    static final Object NOT_ANSWERED = new Object();

    private WrapperProxies() {
    }

    /** A proxy of {@code type} whose calls go to {@code handler}. */
    static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(Driver.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /**
     * Answers {@code equals}, {@code hashCode}, and {@code unwrap}/{@code isWrapperFor} for the
     * wrapped object's own types; {@link #NOT_ANSWERED} for anything else.
     */
    static Object answer(Object proxy, Object delegate, Method method, Object[] args) {
        int arity = args == null ? 0 : args.length;
        switch (method.getName()) {
            case "equals":
                return arity == 1 ? proxy == args[0] : NOT_ANSWERED;
            case "hashCode":
                return arity == 0 ? System.identityHashCode(proxy) : NOT_ANSWERED;
            case "unwrap":
                return arity == 1 && ((Class<?>) args[0]).isInstance(delegate) ? delegate : NOT_ANSWERED;
            case "isWrapperFor":
                return arity == 1 && ((Class<?>) args[0]).isInstance(delegate) ? Boolean.TRUE : NOT_ANSWERED;
            default:
                return NOT_ANSWERED;
        }
    }

    /** Calls {@code method} on {@code delegate}, throwing what it throws. */
    static Object call(Object delegate, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
