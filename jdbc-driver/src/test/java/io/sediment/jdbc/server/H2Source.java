package io.sediment.jdbc.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ConnectionSource} over a private in-memory H2 database, for server tests. */
public final class H2Source implements ConnectionSource {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String url = "jdbc:h2:mem:server" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    private volatile boolean closed;

    @Override
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public String describe() {
        return url;
    }

    /** Whether the server closed this source. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = open()) {
            c.createStatement().execute("SHUTDOWN");
        }
        closed = true;
    }
}
