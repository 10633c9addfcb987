package io.sediment.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.sediment.jdbc.sample.SampleData;
import io.sediment.jdbc.server.EmbeddedSource;
import io.sediment.jdbc.server.PasswordHash;
import io.sediment.jdbc.server.SedimentServer;
import io.sediment.jdbc.server.ServerSettings;
import io.sediment.jdbc.server.UsersFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays {@code scripts/NN-*.sql} in order on one fresh database, through sqlline, embedded and
 * against a server (with authentication), and compares each script's output with
 * {@code expected/NN-*.out} (or {@code expected/NN-*.remote.out} where the server's output
 * differs, e.g. in how an error is worded). See {@link ExpectedOutput} for the masking rule.
 * Run with {@code -Dsediment.examples.update=true} to rewrite the expected files after a
 * deliberate change, then review the diff.
 */
class SqlExamplesTest {
    private static final Path BASE = Path.of(System.getProperty("sediment.examples.dir", "."));
    private static final boolean UPDATE = Boolean.getBoolean("sediment.examples.update");

    @TempDir Path tmp;

    @Test
    void dataScriptsAreTheGeneratorsOutput() throws IOException {
        assertEquals(SampleData.createTablesScript(),
            Files.readString(BASE.resolve("scripts/01-create-tables.sql")),
            "scripts/01 differs from SampleData.createTablesScript(); regenerate it");
        assertEquals(SampleData.loadDataScript(),
            Files.readString(BASE.resolve("scripts/02-load-sample-data.sql")),
            "scripts/02 differs from SampleData.loadDataScript(); regenerate it");
    }

    @Test
    void embedded() throws Exception {
        String url = "jdbc:sediment:" + tmp.resolve("db");
        // Held open across the scripts, as a long sqlline session or the server would: closing
        // the last connection closes (and flushes) the database, which would change the story.
        try (Connection session = DriverManager.getConnection(url)) {
            replay(url, null, null, false);
        }
    }

    @Test
    void remote() throws Exception {
        UsersFile users = UsersFile.empty().put("analyst",
            PasswordHash.create("example".toCharArray(), 1_000));
        try (SedimentServer server = SedimentServer.start(new EmbeddedSource(tmp.resolve("db")),
            new ServerSettings().port(0).users(users))) {
            replay(server.jdbcUrl(), "analyst", "example", true);
        }
    }

    private void replay(String url, String user, String password, boolean remote) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Path script : scripts()) {
            String name = script.getFileName().toString().replaceFirst("\\.sql$", "");
            String actual = SqllineRunner.run(url, user, password, script);
            Path expected = BASE.resolve("expected/" + name + ".out");
            Path remoteExpected = BASE.resolve("expected/" + name + ".remote.out");
            if (remote && Files.exists(remoteExpected)) {
                expected = remoteExpected;
            }
            if (UPDATE) {
                update(remote ? remoteExpected : expected, expected, actual, remote);
                continue;
            }
            if (!Files.exists(expected)) {
                failures.add(name + ": no expected output " + expected + "; actual:\n" + actual);
                continue;
            }
            String diff = ExpectedOutput.firstDifference(Files.readString(expected), actual);
            if (diff != null) {
                failures.add(name + (remote ? " (remote)" : " (embedded)") + " " + diff
                    + "\n--- full output ---\n" + actual);
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n\n", failures));
        }
    }

    /**
     * Writes {@code actual} as the expected output, keeping the masked ({@code {*}}) lines of the
     * old file where they still match; a remote file is written only where the output differs
     * from the embedded one.
     */
    private static void update(Path target, Path embedded, String actual, boolean remote)
        throws IOException {
        if (remote) {
            if (Files.exists(embedded)
                && ExpectedOutput.firstDifference(Files.readString(embedded), actual) == null) {
                Files.deleteIfExists(target);
                return;
            }
        }
        String old = Files.exists(target) ? Files.readString(target) : "";
        Files.writeString(target, ExpectedOutput.merge(old, actual), StandardCharsets.UTF_8);
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> s = Files.list(BASE.resolve("scripts"))) {
            return s.filter(p -> p.toString().endsWith(".sql")).sorted()
                .collect(Collectors.toList());
        }
    }
}
