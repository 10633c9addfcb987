package io.sediment.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** URL parsing: embedded and remote forms, defaults, and clear errors for bad URLs. */
class SedimentUrlTest {
    @Test
    void embeddedUrlNamesADirectory() throws SQLException {
        SedimentUrl url = SedimentUrl.parse("jdbc:sediment:./data/shop");
        assertFalse(url.isRemote());
        assertEquals(Path.of("./data/shop"), url.directory());
        assertEquals(Path.of("/tmp/x"), SedimentUrl.parse("jdbc:sediment:/tmp/x;sync=true").directory());
    }

    @Test
    void remoteUrlDefaultsToProtobuf() throws SQLException {
        SedimentUrl url = SedimentUrl.parse("jdbc:sediment:remote:url=http://127.0.0.1:8765");
        assertTrue(url.isRemote());
        assertEquals("jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=PROTOBUF",
            url.avaticaUrl());
        assertEquals("jdbc:avatica:remote:url=http://127.0.0.1:1;serialization=JSON",
            SedimentUrl.parse("jdbc:sediment:remote:url=http://127.0.0.1:1;serialization=JSON")
                .avaticaUrl());
    }

    @Test
    void userAndPasswordBecomeBasicCredentials() throws SQLException {
        SedimentUrl url = SedimentUrl.parse("jdbc:sediment:remote:url=http://127.0.0.1:8765");
        Properties info = new Properties();
        info.setProperty("user", "alice");
        info.setProperty("password", "pw");
        Properties p = url.avaticaProperties(info);
        assertEquals("BASIC", p.getProperty("authentication"));
        assertEquals("alice", p.getProperty("avatica_user"));
        assertEquals("pw", p.getProperty("avatica_password"));
        assertNull(url.avaticaProperties(new Properties()).getProperty("authentication"));
        Properties inUrl = SedimentUrl.parse(
            "jdbc:sediment:remote:url=http://127.0.0.1:8765;user=bob;password=x")
            .avaticaProperties(null);
        assertEquals("bob", inUrl.getProperty("avatica_user"));
    }

    @Test
    void badUrlsAreRefusedWithAReason() {
        assertFalse(SedimentUrl.accepts("jdbc:h2:mem:x"));
        SQLException noDir = assertThrows(SQLException.class, () -> SedimentUrl.parse("jdbc:sediment:"));
        assertTrue(noDir.getMessage().contains("names no directory"), noDir.getMessage());
        SQLException noServer = assertThrows(SQLException.class,
            () -> SedimentUrl.parse("jdbc:sediment:remote:serialization=JSON"));
        assertTrue(noServer.getMessage().contains("names no server"), noServer.getMessage());
    }

    @Test
    void driverIsFoundThroughServiceLoaderAndReportsRefusedConnections() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
            "jdbc:sediment:remote:url=http://127.0.0.1:9"));
        assertTrue(e.getMessage().contains("http://127.0.0.1:9"), e.getMessage());
    }
}
