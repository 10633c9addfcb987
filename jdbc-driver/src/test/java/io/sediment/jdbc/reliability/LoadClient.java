package io.sediment.jdbc.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * One load client: its own connection and prepared statements, a mix of point reads, small range
 * scans, upserts, inserts of unique keys and deletes on the keys it owns
 * ({@code [id * SPAN, id * SPAN + KEYS)}), and point reads of other clients' keys. No other client
 * writes its keys, so every read of its own keys must match its model exactly (read your own
 * writes), and no insert can collide: any error is a failure. Reads of others' keys check that
 * the row is whole (owner and payload agree with its key and version). Use: {@link #open},
 * {@link #run} until a deadline, {@link #finish}. Not thread-safe: one thread per client.
 *
 * <p>Table: {@code LOAD (ID BIGINT PRIMARY KEY, CLIENT INTEGER NOT NULL, VER BIGINT NOT NULL,
 * PAYLOAD VARCHAR(200))}.
 */
final class LoadClient {
    static final long SPAN = 1_000_000;
    static final int KEYS = 5_000;
    static final String DDL = "CREATE TABLE LOAD (ID BIGINT PRIMARY KEY, CLIENT INTEGER NOT NULL,"
        + " VER BIGINT NOT NULL, PAYLOAD VARCHAR(200))";

    private final int id;
    private final int clients;
    private final Random rnd;
    private final NavigableMap<Long, Long> model = new TreeMap<>();
    final Latencies latencies = new Latencies();
    final List<String> errors = new ArrayList<>();
    private long version;

    LoadClient(int id, int clients, long seed) {
        this.id = id;
        this.clients = clients;
        this.rnd = new Random(seed);
    }

    /** The payload of row {@code key} at {@code ver}: about 100 characters, derived from both. */
    static String payload(long key, long ver) {
        String head = "k" + key + ":v" + ver + ":";
        return head + "p".repeat(100 - head.length());
    }

    private Connection connection;
    private PreparedStatement get;
    private PreparedStatement range;
    private PreparedStatement upsert;
    private PreparedStatement insert;
    private PreparedStatement delete;
    private long operations;

    /** Connects and prepares the statements; returns false (and records the error) on failure. */
    boolean open(String url) {
        try {
            connection = DriverManager.getConnection(url);
            get = connection.prepareStatement("SELECT CLIENT, VER, PAYLOAD FROM LOAD WHERE ID = ?");
            range = connection.prepareStatement(
                "SELECT ID, VER, PAYLOAD FROM LOAD WHERE ID BETWEEN ? AND ? ORDER BY ID");
            upsert = connection.prepareStatement("UPSERT INTO LOAD VALUES (?, ?, ?, ?)");
            insert = connection.prepareStatement("INSERT INTO LOAD VALUES (?, ?, ?, ?)");
            delete = connection.prepareStatement("DELETE FROM LOAD WHERE ID = ?");
            return true;
        } catch (SQLException | RuntimeException e) {
            error("cannot connect: " + e);
            return false;
        }
    }

    /** Runs the mix until {@code deadlineNanos}. */
    void run(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            int p = rnd.nextInt(100);
            long t0 = System.nanoTime();
            String op;
            try {
                if (p < 35) {
                    op = "point-read";
                    pointRead(get, ownKey());
                } else if (p < 50) {
                    op = "range-scan";
                    long lo = ownKey();
                    rangeScan(range, lo, lo + 40);
                } else if (p < 60) {
                    op = "foreign-read";
                    foreignRead(get);
                } else if (p < 80) {
                    op = "upsert";
                    write(upsert, ownKey());
                } else if (p < 90) {
                    op = "insert";
                    long k = ownKey();
                    for (int tries = 0; model.containsKey(k) && tries < 20; tries++) {
                        k = ownKey();
                    }
                    if (model.containsKey(k)) {
                        continue;
                    }
                    write(insert, k);
                } else {
                    op = "delete";
                    delete(delete);
                }
            } catch (SQLException | RuntimeException e) {
                error("operation failed: " + e);
                continue;
            }
            latencies.record(op, System.nanoTime() - t0);
            operations++;
        }
    }

    /** Reads the whole key range once more, compares it with the model, and closes the connection. */
    void finish() {
        try (Connection c = connection) {
            rangeScan(range, id * SPAN, id * SPAN + KEYS);
        } catch (SQLException | RuntimeException e) {
            error("final check failed: " + e);
        }
    }

    long operations() {
        return operations;
    }

    private long ownKey() {
        return id * SPAN + rnd.nextInt(KEYS);
    }

    private void pointRead(PreparedStatement get, long key) throws SQLException {
        get.setLong(1, key);
        try (ResultSet rs = get.executeQuery()) {
            Long ver = model.get(key);
            if (ver == null) {
                if (rs.next()) {
                    error("key " + key + " deleted or never written, but read back with version " + rs.getLong(2));
                }
                return;
            }
            if (!rs.next()) {
                error("key " + key + " version " + ver + " written but not found");
                return;
            }
            check(key, ver, rs.getInt(1), rs.getLong(2), rs.getString(3));
        }
    }

    private void rangeScan(PreparedStatement range, long lo, long hi) throws SQLException {
        range.setLong(1, lo);
        range.setLong(2, hi);
        NavigableMap<Long, Long> expected = model.subMap(lo, true, hi, true);
        List<Long> seen = new ArrayList<>();
        try (ResultSet rs = range.executeQuery()) {
            while (rs.next()) {
                long key = rs.getLong(1);
                seen.add(key);
                Long ver = expected.get(key);
                if (ver == null) {
                    error("range [" + lo + ", " + hi + "] returned key " + key + " not in the model");
                } else if (ver != rs.getLong(2) || !payload(key, ver).equals(rs.getString(3))) {
                    error("range [" + lo + ", " + hi + "] key " + key + ": version " + rs.getLong(2)
                        + ", expected " + ver);
                }
            }
        }
        if (!seen.equals(new ArrayList<>(expected.keySet()))) {
            error("range [" + lo + ", " + hi + "] returned " + seen + ", expected " + expected.keySet());
        }
    }

    private void foreignRead(PreparedStatement get) throws SQLException {
        int owner = rnd.nextInt(clients);
        long key = owner * SPAN + rnd.nextInt(KEYS);
        get.setLong(1, key);
        try (ResultSet rs = get.executeQuery()) {
            if (rs.next() && (rs.getInt(1) != owner || !payload(key, rs.getLong(2)).equals(rs.getString(3)))) {
                error("row " + key + " is not whole: client " + rs.getInt(1) + ", version " + rs.getLong(2)
                    + ", payload " + rs.getString(3));
            }
        }
    }

    private void write(PreparedStatement ps, long key) throws SQLException {
        long ver = ++version;
        ps.setLong(1, key);
        ps.setInt(2, id);
        ps.setLong(3, ver);
        ps.setString(4, payload(key, ver));
        int n = ps.executeUpdate();
        if (n != 1) {
            error("write of key " + key + " reported " + n + " rows");
        }
        model.put(key, ver);
    }

    private void delete(PreparedStatement delete) throws SQLException {
        Map.Entry<Long, Long> e = model.ceilingEntry(ownKey());
        if (e == null) {
            e = model.firstEntry();
        }
        long key = e == null ? ownKey() : e.getKey();
        delete.setLong(1, key);
        int n = delete.executeUpdate();
        int expected = model.containsKey(key) ? 1 : 0;
        if (n != expected) {
            error("delete of key " + key + " reported " + n + " rows, expected " + expected);
        }
        model.remove(key);
    }

    private void check(long key, long ver, int client, long readVer, String payload) {
        if (client != id || readVer != ver || !payload(key, ver).equals(payload)) {
            error("key " + key + ": read client " + client + " version " + readVer + ", expected version " + ver);
        }
    }

    private void error(String what) {
        if (errors.size() < 20) {
            errors.add("client " + id + ": " + what);
        } else if (errors.size() == 20) {
            errors.add("client " + id + ": more errors not shown");
        }
    }

    int rows() {
        return model.size();
    }

    long versionSum() {
        long sum = 0;
        for (long v : model.values()) {
            sum += v;
        }
        return sum;
    }

    int id() {
        return id;
    }
}
