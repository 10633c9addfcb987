package io.sediment.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sqlline.SqlLine;

/**
 * Runs one script through sqlline itself — the same program {@code bin/sediment sql} starts —
 * and returns what it printed. Options fix everything that would vary between runs or machines:
 * no elapsed times, a wide fixed width, no terminal, errors do not stop the script
 * ({@code --force}) so that a script can show one.
 */
final class SqllineRunner {
    private SqllineRunner() {}

    /** sqlline's output for {@code script} on {@code url}. */
    static String run(String url, String user, String password, Path script) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SqlLine sqlline = new SqlLine();
        sqlline.setOutputStream(out);
        sqlline.setErrorStream(out);
        List<String> args = new ArrayList<>(List.of(
            "-d", "io.sediment.jdbc.Driver", "-u", url,
            "-n", user == null ? "" : user, "-p", password == null ? "" : password,
            "--connectInteractionMode=notAskCredentials",
            "--isolation=TRANSACTION_NONE",
            "--run=" + script,
            "--force=true",
            "--showElapsedTime=false",
            "--maxWidth=300",
            "--maxColumnWidth=250",
            "--showWarnings=false",
            "--color=false",
            "--incremental=false"));
        sqlline.begin(args.toArray(new String[0]), null, false);
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
