package io.sediment.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a connection releases the snapshots its unclosed statements and results still hold. */
class ConnectionCloseTest {
    @TempDir
    Path tmp;

    @Test
    void closingAConnectionReleasesTheSnapshotsOfItsOpenResults() throws Exception {
        Path dir = tmp.resolve("db");
        try (Sql admin = Sql.open(dir)) {
            admin.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, s VARCHAR(20))");
            StringBuilder values = new StringBuilder();
            for (int k = 0; k < 500; k++) {
                values.append(k == 0 ? "" : ", ").append("(").append(k).append(", 'row ").append(k).append("')");
            }
            admin.update("INSERT INTO t VALUES " + values);
            String count = "SELECT COUNT(*) FROM SYS.SNAPSHOTS";
            String baseline = admin.rows(count).get(0);
            for (int i = 0; i < 3; i++) {
                Connection other = DriverManager.getConnection("jdbc:sediment:" + dir);
                Statement s = other.createStatement();
                s.setFetchSize(10);
                ResultSet rs = s.executeQuery("SELECT * FROM t WHERE k < 100 OR k > 200");
                assertTrue(rs.next());
                assertEquals(Integer.parseInt(baseline) + 1, Integer.parseInt(admin.rows(count).get(0)),
                        "the open result holds a snapshot");
                other.close(); // without closing the result set or the statement
                assertEquals(baseline, admin.rows(count).get(0), "snapshots after the connection closed");
            }
        }
    }
}
