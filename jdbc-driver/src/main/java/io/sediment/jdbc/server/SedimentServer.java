package io.sediment.jdbc.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.security.Constraint;

/**
 * The Sediment JDBC server: Avatica over HTTP(S), PROTOBUF serialization, on one database.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Binds 127.0.0.1 unless told otherwise; refuses to start on any non-loopback address
 *       without a users file, unless {@link ServerSettings#insecure} says so.
 *   <li>With a users file, every request needs HTTP BASIC credentials that match a stored
 *       PBKDF2 hash; anything else is answered 401 before the database is touched.
 *   <li>Client connection properties are ignored ({@link FixedConnectionMeta}).
 *   <li>Request bodies over the limit are refused (HTTP 413); TCP connections are capped.
 *   <li>{@link #close()} stops accepting, lets in-flight requests finish (up to the stop
 *       timeout), closes every client connection and then the {@link ConnectionSource}, which
 *       flushes and closes the database. Safe to call more than once and from a shutdown hook.
 * </ul>
 * Thread-safe.
 */
public final class SedimentServer implements AutoCloseable {
    private final ConnectionSource source;
    private final ServerSettings settings;
    private final FixedConnectionMeta meta;
    private final HttpServer http;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private SedimentServer(ConnectionSource source, ServerSettings settings,
            FixedConnectionMeta meta, HttpServer http) {
        this.source = source;
        this.settings = settings;
        this.meta = meta;
        this.http = http;
    }

    /**
     * Checks the settings and starts serving; if starting fails, {@code source} is closed.
     *
     * @throws IllegalArgumentException naming the setting that is unsafe or wrong
     * @throws Exception if the port cannot be bound or the source fails
     */
    public static SedimentServer start(ConnectionSource source, ServerSettings settings)
            throws Exception {
        check(settings);
        try {
            return startChecked(source, settings);
        } catch (Exception | Error e) {
            try {
                source.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static SedimentServer startChecked(ConnectionSource source, ServerSettings settings)
            throws Exception {
        Properties cache = new Properties();
        cache.setProperty(JdbcMeta.ConnectionCacheSettings.MAX_CAPACITY.key(),
                Integer.toString(settings.maxClientConnections()));
        cache.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_DURATION.key(),
                Long.toString(settings.idleConnectionMinutes()));
        cache.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_UNIT.key(), "MINUTES");
        FixedConnectionMeta meta = new FixedConnectionMeta(source, cache);
        HttpServer.Builder<Server> builder = HttpServer.Builder.<Server>newBuilder()
                .withHandler(new LocalService(meta), Serialization.PROTOBUF)
                .withPort(settings.port())
                .withMaxHeaderSize(16 * 1024)
                .withServerCustomizers(List.of(customizer(settings)), Server.class);
        if (settings.keystore() != null) {
            String name = settings.keystore().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            String type = name.endsWith(".jks") ? "JKS" : "PKCS12";
            builder.withTLS(settings.keystore().toFile(), settings.keystorePassword(),
                    settings.keystore().toFile(), settings.keystorePassword(), type);
        }
        HttpServer http = builder.build();
        http.start();
        return new SedimentServer(source, settings, meta, http);
    }

    /**
     * Checks that {@code s} is safe and complete, before anything is opened.
     *
     * @throws IllegalArgumentException naming the setting that is unsafe or wrong
     */
    public static void check(ServerSettings s) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(s.bind()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind address " + s.bind(), e);
        }
        if (!loopback && s.users() == null && !s.insecure()) {
            throw new IllegalArgumentException("refusing to serve on " + s.bind()
                    + " without authentication: give a users file (create one with `sediment passwd`)"
                    + " and preferably TLS, or pass --insecure to accept the risk");
        }
        if (s.users() != null && s.users().isEmpty()) {
            throw new IllegalArgumentException("the users file defines no user; add one with "
                    + "`sediment passwd`");
        }
        if (s.keystore() != null && !Files.isReadable(s.keystore())) {
            throw new IllegalArgumentException("keystore not readable: " + s.keystore());
        }
    }

    private static ServerCustomizer<Server> customizer(ServerSettings s) {
        return server -> {
            ServerConnector connector = (ServerConnector) server.getConnectors()[0];
            connector.setHost(s.bind());
            Handler inner = server.getHandler();
            if (s.users() != null) {
                UsersLoginService login = new UsersLoginService(s.users());
                Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, UsersLoginService.ROLE);
                constraint.setAuthenticate(true);
                ConstraintMapping mapping = new ConstraintMapping();
                mapping.setConstraint(constraint);
                mapping.setPathSpec("/*");
                ConstraintSecurityHandler security = new ConstraintSecurityHandler();
                security.setAuthenticator(new BasicAuthenticator());
                security.setLoginService(login);
                security.setRealmName(login.getName());
                security.setConstraintMappings(new ConstraintMapping[] {mapping});
                security.setHandler(inner);
                server.addBean(login);
                inner = security;
            }
            RequestSizeLimitHandler limit = new RequestSizeLimitHandler(s.maxRequestBytes());
            limit.setHandler(inner);
            StatisticsHandler stats = new StatisticsHandler(); // makes stop() wait for in-flight requests
            stats.setHandler(limit);
            server.setHandler(stats);
            server.setStopTimeout(s.stopTimeoutMillis());
            server.setStopAtShutdown(false);
            server.addBean(new ConnectionLimit(s.maxHttpConnections(), server));
        };
    }

    /** The port being served (the chosen one when started with port 0). */
    public int port() {
        return http.getPort();
    }

    /** The URL clients use, e.g. {@code http://127.0.0.1:8765}. */
    public String httpUrl() {
        String host = settings.bind();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return (settings.keystore() != null ? "https" : "http") + "://" + host + ":" + port();
    }

    /** The {@code jdbc:sediment:remote:} URL for this server. */
    public String jdbcUrl() {
        return "jdbc:sediment:remote:url=" + httpUrl();
    }

    /** A one-line description of what is served where. */
    public String describe() {
        return source.describe() + " at " + httpUrl()
                + (settings.users() != null ? " (HTTP BASIC authentication)" : " (no authentication)");
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            http.stop();
        } finally {
            try {
                meta.closeAll();
                source.close();
            } finally {
                stopped.countDown();
            }
        }
    }
}
