package io.sediment.calcite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several connections to one directory, writing and reading at the same time. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentConnectionsWriteAndReadConsistently() throws Exception {
        try (Sql setup = Sql.open(dir)) {
            setup.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER)");
            int threads = 4;
            int perThread = 200;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                futures.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection("jdbc:sediment:" + dir);
                         PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
                         PreparedStatement get = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
                        for (int i = 0; i < perThread; i++) {
                            ins.setInt(1, base + i);
                            ins.setInt(2, i);
                            assertEquals(1, ins.executeUpdate());
                            get.setInt(1, base + i);
                            try (ResultSet rs = get.executeQuery()) {
                                assertTrue(rs.next());
                                assertEquals(i, rs.getInt(1));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(List.of(String.valueOf(threads * perThread)), setup.rows("SELECT COUNT(*) FROM t"));
            assertEquals(List.of(String.valueOf(threads * perThread)),
                    setup.rows("SELECT ROW_COUNT FROM SYS.TABLES WHERE TABLE_NAME = 'T'"));
        }
    }

    @Test
    void racingInsertsOfOneKeyLetExactlyOneWin() throws Exception {
        try (Sql setup = Sql.open(dir)) {
            setup.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER)");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int round = 0; round < 10; round++) {
                int key = round;
                AtomicInteger wins = new AtomicInteger();
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int who = t;
                    futures.add(pool.submit(() -> {
                        try (Connection c = DriverManager.getConnection("jdbc:sediment:" + dir);
                             PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                            ins.setInt(1, key);
                            ins.setInt(2, who);
                            ins.executeUpdate();
                            wins.incrementAndGet();
                        } catch (SQLException e) {
                            assertTrue(e.getMessage().contains("duplicate primary key"), e.getMessage());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
                assertEquals(1, wins.get());
            }
            pool.shutdown();
            assertEquals(List.of("10"), setup.rows("SELECT COUNT(*) FROM t"));
        }
    }
}
