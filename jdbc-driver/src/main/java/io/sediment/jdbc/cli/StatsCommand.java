package io.sediment.jdbc.cli;

import io.sediment.jdbc.stats.CompactionTimeline;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sediment stats}: the shape of the tree (files and bytes per level), the recent
 * compactions and the main metrics, read from the {@code SYS} tables of an embedded database or
 * a server; {@code --timeline FILE} also writes the compactions as an HTML timeline.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Show levels, recent compactions and key metrics of a database.",
        "Reads SYS.LEVELS, SYS.COMPACTIONS and SYS.METRICS; --timeline also writes an HTML",
        "timeline of the compactions (one lane per output level)."})
final class StatsCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "./sediment-data",
        description = "Database directory (embedded). Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--url", description = "JDBC URL of a server instead.")
    String url;

    @Option(names = {"-n", "--user"}, description = "User name (server with authentication).")
    String user;

    @Option(names = {"-p", "--password"}, arity = "0..1", interactive = true,
        description = "Password; default: the SEDIMENT_PASSWORD environment variable.")
    String password;

    @Option(names = "--timeline", paramLabel = "FILE",
        description = "Also write the compactions as an HTML timeline to FILE.")
    Path timeline;

    @Override
    public Integer call() throws Exception {
        Properties info = new Properties();
        if (user != null) {
            info.setProperty("user", user);
            String pw = password != null ? password : System.getenv("SEDIMENT_PASSWORD");
            info.setProperty("password", pw == null ? "" : pw);
        }
        String jdbcUrl = url != null ? url : "jdbc:sediment:" + dir;
        PrintStream out = System.out;
        try (Connection c = DriverManager.getConnection(jdbcUrl, info);
            Statement s = c.createStatement()) {
            out.println("Levels");
            try (ResultSet rs = s.executeQuery("SELECT * FROM SYS.LEVELS")) {
                out.println(TextTable.render(rs));
            }
            out.println("Compactions (most recent last)");
            try (ResultSet rs = s.executeQuery("SELECT * FROM SYS.COMPACTIONS")) {
                out.println(TextTable.render(rs));
            }
            out.println("Metrics");
            try (ResultSet rs = s.executeQuery("SELECT * FROM SYS.METRICS")) {
                out.println(TextTable.render(rs));
            }
            if (timeline != null) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM SYS.COMPACTIONS")) {
                    CompactionTimeline.write(rs, jdbcUrl, timeline);
                }
                out.println("Wrote " + timeline);
            }
        }
        return 0;
    }
}
