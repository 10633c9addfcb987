package io.sediment.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's security guarantees: authentication, bind rules, TLS and request limits. */
class ServerSecurityTest {
    private static final int FAST = 1_000; // PBKDF2 iterations: tests need no real cost

    @TempDir Path tmp;

    private static UsersFile users() {
        return UsersFile.empty().put("alice", PasswordHash.create("s3cret".toCharArray(), FAST));
    }

    @Test
    void wrongPasswordIsRefusedWith401AndRightOneWorks() throws Exception {
        H2Source source = new H2Source();
        try (SedimentServer server = SedimentServer.start(source,
                new ServerSettings().port(0).users(users()))) {
            assertEquals(401, post(server.httpUrl(), "alice", "wrong"));
            assertEquals(401, post(server.httpUrl(), null, null));
            assertEquals(401, post(server.httpUrl(), "mallory", "s3cret"));

            Properties bad = new Properties();
            bad.setProperty("user", "alice");
            bad.setProperty("password", "wrong");
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(server.jdbcUrl(), bad));
            assertTrue(e.getMessage().contains("401"), e.getMessage());
            assertThrows(Exception.class, () -> DriverManager.getConnection(
                    "jdbc:avatica:remote:url=" + server.httpUrl() + ";serialization=PROTOBUF"
                            + ";authentication=BASIC;avatica_user=alice;avatica_password=wrong").createStatement()
                            .executeQuery("SELECT 1"));

            Properties good = new Properties();
            good.setProperty("user", "alice");
            good.setProperty("password", "s3cret");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), good);
                    ResultSet rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url="
                            + server.httpUrl() + ";serialization=PROTOBUF;authentication=BASIC"
                            + ";avatica_user=alice;avatica_password=s3cret");
                    ResultSet rs = c.createStatement().executeQuery("SELECT 6 * 7")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void nonLoopbackBindWithoutAuthenticationIsRefused() throws Exception {
        H2Source source = new H2Source();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SedimentServer.start(source, new ServerSettings().port(0).bind("0.0.0.0")));
        assertTrue(e.getMessage().contains("without authentication"), e.getMessage());
        assertFalse(source.isClosed());
        assertThrows(IllegalArgumentException.class, () -> SedimentServer.start(source,
                new ServerSettings().port(0).bind("0.0.0.0").users(UsersFile.empty())));
    }

    @Test
    void oversizedRequestIsRefusedWith413() throws Exception {
        try (SedimentServer server = SedimentServer.start(new H2Source(),
                new ServerSettings().port(0).maxRequestBytes(1024))) {
            HttpURLConnection http = (HttpURLConnection) new URL(server.httpUrl()).openConnection();
            http.setDoOutput(true);
            http.setRequestMethod("POST");
            http.setFixedLengthStreamingMode(4096);
            try (OutputStream out = http.getOutputStream()) {
                out.write(new byte[4096]);
            } catch (java.io.IOException ignored) {
                // the server may answer before the body is sent
            }
            assertEquals(413, http.getResponseCode());
        }
    }

    @Test
    void tlsWithKeystoreWorks() throws Exception {
        Path keystore = TestKeystore.create(tmp, "changeit");
        Path usersFile = tmp.resolve("users");
        users().write(usersFile);
        try (SedimentServer server = SedimentServer.start(new H2Source(), new ServerSettings()
                .port(0).tls(keystore, "changeit").users(UsersFile.read(usersFile)))) {
            assertTrue(server.httpUrl().startsWith("https://127.0.0.1:"), server.httpUrl());
            Properties p = new Properties();
            p.setProperty("user", "alice");
            p.setProperty("password", "s3cret");
            p.setProperty("truststore", keystore.toString());
            p.setProperty("truststore_password", "changeit");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), p);
                    ResultSet rs = c.createStatement().executeQuery("SELECT 'over tls'")) {
                assertTrue(rs.next());
                assertEquals("over tls", rs.getString(1));
            }
            // Without the trust store, the certificate is not trusted.
            Properties untrusted = new Properties();
            untrusted.setProperty("user", "alice");
            untrusted.setProperty("password", "s3cret");
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(server.jdbcUrl(), untrusted));
        }
    }

    @Test
    void closeReleasesTheSource() throws Exception {
        H2Source source = new H2Source();
        SedimentServer server = SedimentServer.start(source, new ServerSettings().port(0));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE T(ID INT PRIMARY KEY)");
        }
        server.close();
        server.close();
        assertTrue(source.isClosed());
    }

    private static int post(String url, String user, String password) throws Exception {
        HttpURLConnection http = (HttpURLConnection) new URL(url).openConnection();
        http.setDoOutput(true);
        http.setRequestMethod("POST");
        if (user != null) {
            http.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try (OutputStream out = http.getOutputStream()) {
            out.write(new byte[] {1, 2, 3});
        }
        return http.getResponseCode();
    }

}
