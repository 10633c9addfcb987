package io.sediment.jdbc.cli;

import io.sediment.jdbc.sample.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

/**
 * {@code sediment sql}: sqlline on an embedded database ({@code --dir}, default
 * {@code ./sediment-data}) or on a server ({@code --url jdbc:sediment:remote:url=…}). A new
 * embedded database gets the example shop data, so that a first user can query at once.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"SQL shell (sqlline) on an embedded database or a Sediment server.",
        "A new embedded database is created with the example tables CUSTOMERS, PRODUCTS, ORDERS",
        "and ORDER_LINES loaded (use --empty to skip). Type !help in the shell, !quit to leave."})
final class SqlCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "./sediment-data",
        description = "Database directory (embedded). Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--url", description = "JDBC URL of a server instead, e.g. "
        + "jdbc:sediment:remote:url=http://127.0.0.1:8765")
    String url;

    @Option(names = {"-n", "--user"}, description = "User name (server with authentication).")
    String user;

    @Option(names = {"-p", "--password"}, arity = "0..1", interactive = true,
        description = "Password; prompted for when given without a value. Default: the "
            + "SEDIMENT_PASSWORD environment variable.")
    String password;

    @Option(names = {"-f", "--run"}, description = "Run this SQL script and exit.")
    Path script;

    @Option(names = "--empty", description = "Do not load the example data into a new database.")
    boolean empty;

    @Parameters(paramLabel = "SQLLINE_OPTION", description = "Further sqlline options, e.g. "
        + "--outputFormat=csv (put them after --).")
    List<String> sqllineOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String jdbcUrl = url;
        if (jdbcUrl == null) {
            jdbcUrl = "jdbc:sediment:" + dir;
            if (!empty && isNew(dir)) {
                try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                    SampleData.load(c);
                }
                System.err.println("Created " + dir + " with the example tables CUSTOMERS, PRODUCTS,"
                    + " ORDERS and ORDER_LINES. Try: SELECT * FROM ORDERS WHERE ORDER_ID = 100042;");
            }
        }
        List<String> args = new ArrayList<>(List.of("-d", "io.sediment.jdbc.Driver", "-u", jdbcUrl));
        String pw = password != null ? password : System.getenv("SEDIMENT_PASSWORD");
        args.add("-n");
        args.add(user == null ? "" : user);
        args.add("-p");
        args.add(user == null || pw == null ? "" : pw);
        args.add("--connectInteractionMode=notAskCredentials");
        args.add("--isolation=TRANSACTION_NONE");
        if (System.console() == null) {
            // No terminal (a pipe or a file): sqlline would size tables to a zero-width screen.
            args.add("--maxWidth=200");
        }
        if (script != null) {
            args.add("--run=" + script);
        }
        args.addAll(sqllineOptions);
        // jline warns through java.util.logging when there is no terminal (a script or a pipe).
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.SEVERE);
        SqlLine.Status status = SqlLine.start(args.toArray(new String[0]), null, script == null);
        return status == SqlLine.Status.OK ? 0 : 1;
    }

    /** Whether {@code dir} holds no database yet (absent or empty). */
    static boolean isNew(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
