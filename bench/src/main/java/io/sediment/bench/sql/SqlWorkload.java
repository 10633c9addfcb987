package io.sediment.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The two measured statements and the timed loop that runs them: {@code point} executes
 * {@link KvData#POINT_SQL} for a uniformly random key, {@code range} executes
 * {@link KvData#RANGE_SQL} over {@code rangeSize} consecutive keys from a uniformly random start
 * and reads every row. Each client thread has its own connection and its own statement, prepared
 * once and executed many times; an operation is execute + read every row + close the result set,
 * timed with {@link System#nanoTime()}. A {@link Clients} object is not thread-safe; each of its
 * runs uses one thread per client.
 */
public final class SqlWorkload {
    /** The workload names, in the order tables list them. */
    public static final List<String> NAMES = List.of("point", "range");

    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private SqlWorkload() {}

    /** What one timed run did. */
    public record Run(long ops, long rows, long nanos, Histogram latency, double load1) {
        /** Operations per second. */
        public double opsPerSecond() {
            return ops * 1e9 / nanos;
        }
    }

    /** One thread's connection and prepared statement. */
    private static final class Client {
        final Connection connection;
        final PreparedStatement statement;
        final SplittableRandom random;
        final Histogram latency = new Histogram(MAX_NANOS, 3);
        long ops;
        long rows;

        Client(Connection connection, PreparedStatement statement, long seed) {
            this.connection = connection;
            this.statement = statement;
            this.random = new SplittableRandom(seed);
        }
    }

    /** The clients of one (target, workload, threads) cell, kept open across warm-up and repeats. */
    public static final class Clients implements AutoCloseable {
        private final String workload;
        private final long keys;
        private final int rangeSize;
        private final List<Client> clients = new ArrayList<>();

        /**
         * Opens {@code threads} connections to {@code target} and prepares the workload's statement on each.
         *
         * @param fetchSize passed to {@code setFetchSize} of range statements when positive
         */
        public Clients(SqlTarget target, String workload, int threads, long keys, int rangeSize, int fetchSize,
                long seed) throws SQLException {
            if (!NAMES.contains(workload)) {
                throw new IllegalArgumentException("unknown workload " + workload + "; known: " + NAMES);
            }
            this.workload = workload;
            this.keys = keys;
            this.rangeSize = rangeSize;
            try {
                for (int i = 0; i < threads; i++) {
                    Connection c = target.connect();
                    PreparedStatement ps;
                    try {
                        ps = c.prepareStatement(workload.equals("point") ? KvData.POINT_SQL : KvData.RANGE_SQL);
                        if (workload.equals("range") && fetchSize > 0) {
                            ps.setFetchSize(fetchSize);
                        }
                    } catch (SQLException | RuntimeException e) {
                        c.close();
                        throw e;
                    }
                    clients.add(new Client(c, ps, seed * 1_000_003L + i));
                }
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Runs the workload on every client thread at once for {@code seconds} and returns what they did. */
        public Run run(double seconds) throws Exception {
            for (Client c : clients) {
                c.latency.reset();
                c.ops = 0;
                c.rows = 0;
            }
            double load1 = loadAverage();
            CountDownLatch ready = new CountDownLatch(clients.size());
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] deadline = new long[1];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                Client c = clients.get(i);
                Thread t = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        long end = deadline[0];
                        long now = System.nanoTime();
                        while (now < end && failure.get() == null) {
                            once(c);
                            long after = System.nanoTime();
                            c.latency.recordValue(Math.min(after - now, MAX_NANOS));
                            c.ops++;
                            now = after;
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "sqlbench-" + workload + "-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            ready.await();
            long start = System.nanoTime();
            deadline[0] = start + (long) (seconds * 1e9);
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long nanos = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException(workload + " failed: " + failure.get(), failure.get());
            }
            Histogram all = new Histogram(MAX_NANOS, 3);
            long ops = 0;
            long rows = 0;
            for (Client c : clients) {
                all.add(c.latency);
                ops += c.ops;
                rows += c.rows;
            }
            return new Run(ops, rows, nanos, all, load1);
        }

        private void once(Client c) throws SQLException {
            PreparedStatement ps = c.statement;
            if (workload.equals("point")) {
                long k = c.random.nextLong(keys);
                ps.setLong(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        throw new IllegalStateException("no row for key " + k);
                    }
                }
                c.rows++;
            } else {
                long start = c.random.nextLong(keys - rangeSize + 1);
                ps.setLong(1, start);
                ps.setLong(2, start + rangeSize);
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        if (rs.getString(2) == null) {
                            throw new IllegalStateException("NULL value in range from " + start);
                        }
                        n++;
                    }
                }
                if (n != rangeSize) {
                    throw new IllegalStateException("range from " + start + " returned " + n + " rows, expected "
                            + rangeSize);
                }
                c.rows += n;
            }
        }

        @Override
        public void close() {
            for (Client c : clients) {
                try {
                    c.statement.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
                try {
                    c.connection.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            clients.clear();
        }
    }

    /** The 1-minute load average of the machine, or NaN where /proc/loadavg is missing. */
    public static double loadAverage() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
            return Double.parseDouble(s.trim().split("\\s+")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
