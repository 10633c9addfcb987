package io.sediment.jdbc.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@link SedimentServer} needs to know besides the database, with safe defaults:
 * loopback only, port 8765, no TLS, 16 MiB request limit, 256 concurrent HTTP connections,
 * 30 s for in-flight requests to finish at shutdown. A mutable builder-style value; not
 * thread-safe, and copied by the server when it starts.
 */
public final class ServerSettings {
    /** The port Avatica servers conventionally use. */
    public static final int DEFAULT_PORT = 8765;

    private int port = DEFAULT_PORT;
    private String bind = "127.0.0.1";
    private UsersFile users;
    private boolean insecure;
    private Path keystore;
    private String keystorePassword;
    private long maxRequestBytes = 16L << 20;
    private int maxHttpConnections = 256;
    private int maxClientConnections = 1_000;
    private long idleConnectionMinutes = 30;
    private long stopTimeoutMillis = 30_000;

    /** Port to listen on; 0 picks a free one (see {@link SedimentServer#port()}). */
    public ServerSettings port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return this;
    }

    /** Address to bind; anything but a loopback address needs {@link #users} or {@link #insecure}. */
    public ServerSettings bind(String bind) {
        this.bind = Objects.requireNonNull(bind);
        return this;
    }

    /** Require HTTP BASIC authentication against these users. */
    public ServerSettings users(UsersFile users) {
        this.users = users;
        return this;
    }

    /** Allow a non-loopback bind without authentication (explicit operator choice). */
    public ServerSettings insecure(boolean insecure) {
        this.insecure = insecure;
        return this;
    }

    /** Serve HTTPS with the key and certificate in this keystore (PKCS12 or JKS). */
    public ServerSettings tls(Path keystore, String password) {
        this.keystore = Objects.requireNonNull(keystore);
        this.keystorePassword = Objects.requireNonNull(password, "keystore password");
        return this;
    }

    /** Largest request body accepted; bigger ones get HTTP 413. */
    public ServerSettings maxRequestBytes(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
        return this;
    }

    /** Most TCP connections served at once; further ones wait to be accepted. */
    public ServerSettings maxHttpConnections(int n) {
        this.maxHttpConnections = n;
        return this;
    }

    /** Most JDBC connections kept open for clients; the least recently used beyond it is closed. */
    public ServerSettings maxClientConnections(int n) {
        this.maxClientConnections = n;
        return this;
    }

    /** Minutes after which a client connection nobody used is closed. */
    public ServerSettings idleConnectionMinutes(long minutes) {
        this.idleConnectionMinutes = minutes;
        return this;
    }

    /** How long shutdown waits for in-flight requests. */
    public ServerSettings stopTimeoutMillis(long millis) {
        this.stopTimeoutMillis = millis;
        return this;
    }

    int port() {
        return port;
    }

    String bind() {
        return bind;
    }

    UsersFile users() {
        return users;
    }

    boolean insecure() {
        return insecure;
    }

    Path keystore() {
        return keystore;
    }

    String keystorePassword() {
        return keystorePassword;
    }

    long maxRequestBytes() {
        return maxRequestBytes;
    }

    int maxHttpConnections() {
        return maxHttpConnections;
    }

    int maxClientConnections() {
        return maxClientConnections;
    }

    long idleConnectionMinutes() {
        return idleConnectionMinutes;
    }

    long stopTimeoutMillis() {
        return stopTimeoutMillis;
    }
}
