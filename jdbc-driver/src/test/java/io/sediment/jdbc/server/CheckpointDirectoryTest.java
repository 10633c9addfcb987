package io.sediment.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server writes checkpoints only inside its checkpoint directory ({@code sediment serve
 * --checkpoint-dir}): a remote client's relative target lands there, and a target outside it —
 * absolute, or escaping with {@code ..} — is refused with an error naming the directory, writes
 * nothing, and leaves the server serving. A client cannot widen it with a connection property.
 */
class CheckpointDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void checkpointsGoOnlyIntoTheServersCheckpointDirectory() throws Exception {
        Path checkpoints = dir.resolve("backups");
        try (SedimentServer server = SedimentServer.start(new EmbeddedSource(dir.resolve("db"), 0, checkpoints),
                new ServerSettings().port(0));
                Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v VARCHAR(10))");
            s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b')");

            assertEquals("checkpoint written to " + checkpoints.resolve("nightly"),
                    single(s, "CALL SYS.CHECKPOINT('nightly')"));
            assertEquals("checkpoint written to " + checkpoints.resolve("weekly").resolve("w48"),
                    single(s, "CALL SYS.CHECKPOINT('" + checkpoints.resolve("weekly").resolve("w48") + "')"));

            Path outside = dir.resolve("elsewhere");
            for (String target : new String[] {outside.toString(), "../elsewhere", checkpoints.toString(), "/"}) {
                SQLException e = assertThrows(SQLException.class,
                        () -> single(s, "CALL SYS.CHECKPOINT('" + target + "')"), target);
                assertTrue(e.getMessage().contains("outside the checkpoint directory " + checkpoints), e.getMessage());
            }
            Files.createSymbolicLink(checkpoints.resolve("link"), dir);
            SQLException viaLink = assertThrows(SQLException.class,
                    () -> single(s, "CALL SYS.CHECKPOINT('link/elsewhere')"));
            assertTrue(viaLink.getMessage().contains("through a symbolic link"), viaLink.getMessage());
            assertThrows(SQLException.class, () -> single(s, "CALL SYS.CHECKPOINT('link/made/on/the/way')"));
            assertFalse(Files.exists(dir.resolve("made")), "no directory created through the link");
            assertFalse(Files.exists(outside), "nothing written outside");
            assertEquals("2", single(s, "SELECT COUNT(*) FROM t"), "the server keeps serving");

            // A client's own checkpoint_dir is dropped like every other connection property.
            try (Connection widened = DriverManager.getConnection(server.jdbcUrl() + ";checkpoint_dir=" + dir);
                    Statement ws = widened.createStatement()) {
                SQLException e = assertThrows(SQLException.class,
                        () -> single(ws, "CALL SYS.CHECKPOINT('" + outside + "')"));
                assertTrue(e.getMessage().contains("outside the checkpoint directory"), e.getMessage());
            }
        }
        try (Connection copy = DriverManager.getConnection("jdbc:sediment:" + checkpoints.resolve("nightly"));
                Statement s = copy.createStatement()) {
            assertEquals("2", single(s, "SELECT COUNT(*) FROM t"), "the checkpoint opens and holds the rows");
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(rs.getMetaData().getColumnCount());
        }
    }
}
