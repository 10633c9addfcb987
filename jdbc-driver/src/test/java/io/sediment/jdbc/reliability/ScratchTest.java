package io.sediment.jdbc.reliability;

import java.nio.file.*;
import java.sql.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir Path dir;

    static int snaps(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM SYS.SNAPSHOTS")) {
            rs.next();
            return rs.getInt(1);
        }
    }
    static long ssts(Path db) throws Exception { try (var s = Files.list(db)) { return s.filter(p -> p.toString().endsWith(".sst")).count(); } }
    static int live(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM SYS.SSTABLES")) { rs.next(); return rs.getInt(1); }
    }

    @Test
    void embedded() throws Exception {
        Path db = dir.resolve("db");
        try (Connection keeper = DriverManager.getConnection("jdbc:sediment:" + db)) {
            Statement s = keeper.createStatement();
            s.execute("CREATE TABLE BIG (ID INTEGER PRIMARY KEY, PAD VARCHAR(200))");
            try (PreparedStatement ps = keeper.prepareStatement("UPSERT INTO BIG VALUES (?, ?)")) {
                for (int i = 0; i < 5000; i++) { ps.setInt(1, i); ps.setString(2, "x".repeat(100) + i); ps.addBatch(); }
                ps.executeBatch();
            }
            s.execute("CALL SYS.FLUSH()");
            Connection c2 = DriverManager.getConnection("jdbc:sediment:" + db);
            ResultSet rs2 = c2.createStatement().executeQuery("SELECT * FROM BIG WHERE ID < 10 OR ID > 20");
            rs2.next();
            ResultSet rs3 = c2.createStatement().executeQuery("SELECT * FROM BIG");
            rs3.next();
            System.out.println("embedded open rs snaps " + snaps(keeper) + " ssts " + ssts(db) + " live " + live(keeper));
            c2.close();
            System.out.println("embedded after conn close snaps " + snaps(keeper));
            s.execute("UPSERT INTO BIG VALUES (1, 'y')");
            s.execute("CALL SYS.FLUSH()");
            s.execute("CALL SYS.COMPACT(0)");
            s.execute("UPSERT INTO BIG VALUES (1, 'y')");
            s.execute("CALL SYS.FLUSH()");
            System.out.println("after compact ssts " + ssts(db) + " live " + live(keeper));
            rs3.close(); rs2.close();
            s.execute("UPSERT INTO BIG VALUES (1, 'y')");
            s.execute("CALL SYS.FLUSH()");
            System.out.println("after rs close snaps " + snaps(keeper) + " ssts " + ssts(db) + " live " + live(keeper));
        }
    }
}
