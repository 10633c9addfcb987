package io.sediment.jdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sediment serve} in a child JVM, stopped with SIGTERM as an operator's Ctrl-C or service
 * manager would: it must exit by itself, report a clean stop, and leave every acknowledged row
 * in SSTables (the memtable was flushed) when the directory is opened again.
 */
class ServeShutdownTest {
    @TempDir Path tmp;

    @Test
    void sigtermFlushesAndClosesCleanly() throws Exception {
        Path db = tmp.resolve("db");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path logFile = tmp.resolve("serve.log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            SedimentCommand.class.getName(), "serve", "--dir", db.toString(), "--port", "0")
            .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        Pattern serving = Pattern.compile("Connect with: bin/sediment sql --url '(.*)'");
        try {
            String url = null;
            for (int i = 0; i < 1200 && url == null && p.isAlive(); i++) {
                Matcher m = serving.matcher(Files.readString(logFile));
                if (m.find()) {
                    url = m.group(1);
                } else {
                    Thread.sleep(100);
                }
            }
            assertTrue(url != null, Files.readString(logFile));
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE KV (K INTEGER NOT NULL, V VARCHAR(10), PRIMARY KEY (K))");
                assertEquals(3, s.executeUpdate("INSERT INTO KV VALUES (1, 'a'), (2, 'b'), (3, 'c')"));
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "server did not stop");
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(logFile);
        assertTrue(log.contains("Stopped cleanly."), log);
        try (Connection c = DriverManager.getConnection("jdbc:sediment:" + db);
            Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM KV")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SYS.SSTABLES")) {
                assertTrue(rs.next());
                assertTrue(rs.getInt(1) >= 1, "memtable was not flushed at shutdown");
            }
        }
    }
}
