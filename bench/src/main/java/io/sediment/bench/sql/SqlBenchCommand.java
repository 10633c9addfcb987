package io.sediment.bench.sql;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sediment-sqlbench} command: loads the same {@code KV} table into every target
 * (Sediment and H2 embedded; Sediment's Avatica server, H2's TCP server and optionally PostgreSQL
 * over loopback), then measures prepared point selects and range scans through each target's JDBC
 * driver with 1 and 4 client threads, warming up first and repeating every measurement with the
 * targets interleaved, and prints ops/s (median and spread), rows/s, p50/p99 latency and the ratio
 * Sediment/peer. Exit code 0 on success, 1 when a target fails, 2 for bad flags.
 */
@Command(name = "sediment-sqlbench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures prepared point selects and range scans through JDBC on Sediment (embedded and"
                + " through its server) side by side with H2 embedded, H2's TCP server and PostgreSQL.")
public final class SqlBenchCommand implements Callable<Integer> {
    @Option(names = "--targets", split = ",", description = "Targets, from: ${COMPLETION-CANDIDATES}. Default:"
            + " sediment,h2,sediment-server,h2-tcp, plus postgres when --pg-url is given.",
            completionCandidates = TargetNames.class)
    List<String> targets;

    @Option(names = "--workloads", split = ",", description = "Workloads, from: point, range. Default: both.")
    List<String> workloads = new ArrayList<>(SqlWorkload.NAMES);

    @Option(names = "--threads", split = ",", description = "Client thread counts (one connection each)."
            + " Default: 1,4.")
    List<Integer> threads = new ArrayList<>(List.of(1, 4));

    @Option(names = "--rows", description = "Rows in KV. Default: ${DEFAULT-VALUE}.")
    long rows = 200_000;

    @Option(names = "--range-size", description = "Consecutive keys read by one range scan. Default: ${DEFAULT-VALUE}.")
    int rangeSize = 1_000;

    @Option(names = "--warmup", description = "Seconds of warm-up per target and cell. Default: ${DEFAULT-VALUE}.")
    double warmup = 5;

    @Option(names = "--seconds", description = "Seconds measured per repeat. Default: ${DEFAULT-VALUE}.")
    double seconds = 10;

    @Option(names = "--repeats", description = "Measurements per target and cell (targets interleaved)."
            + " Default: ${DEFAULT-VALUE}.")
    int repeats = 3;

    @Option(names = "--fetch-size", description = "setFetchSize of the range statement (0: driver default)."
            + " Default: ${DEFAULT-VALUE}.")
    int fetchSize = 1_000;

    @Option(names = "--pg-url", description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5544/bench."
            + " Table KV there is replaced.")
    String pgUrl;

    @Option(names = "--pg-user", description = "PostgreSQL user (or in the URL).")
    String pgUser;

    @Option(names = "--pg-password", description = "PostgreSQL password (or in the URL, or $PGPASSWORD).")
    String pgPassword;

    @Option(names = "--data-dir", description = "Where the embedded and in-JVM server databases are created"
            + " (a fresh directory inside it, deleted at the end). Default: the temporary directory.")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the databases after the run.")
    boolean keepData;

    @Option(names = "--csv", description = "Also write the results to this CSV file.")
    Path csv;

    @Option(names = "--seed", description = "Seed of the random keys. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--quick", description = "Smoke test: 3,000 rows, 0.3 s warm-up, 0.75 s measured, 1 repeat"
            + " (flags given explicitly still win).")
    boolean quick;

    private final PrintStream out;
    private final PrintStream err;
    private final List<SqlResult> results = new ArrayList<>();
    private CommandLine.Model.CommandSpec spec;

    /** A command printing to standard output and error. */
    public SqlBenchCommand() {
        this(System.out, System.err);
    }

    /** A command printing its tables to {@code out} and its progress to {@code err}. */
    public SqlBenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @CommandLine.Spec
    void spec(CommandLine.Model.CommandSpec spec) {
        this.spec = spec;
    }

    /** The results of the last {@link #call()}, in table order. */
    public List<SqlResult> results() {
        return Collections.unmodifiableList(results);
    }

    /** Runs the command line; exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SqlBenchCommand()).execute(args));
    }

    private boolean given(String option) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private void applyQuick() {
        if (!quick) {
            return;
        }
        if (!given("--rows")) {
            rows = 3_000;
        }
        if (!given("--warmup")) {
            warmup = 0.3;
        }
        if (!given("--seconds")) {
            seconds = 0.75;
        }
        if (!given("--repeats")) {
            repeats = 1;
        }
    }

    private void validate() {
        applyQuick();
        if (targets == null) {
            targets = new ArrayList<>(List.of("sediment", "h2", "sediment-server", "h2-tcp"));
            if (pgUrl != null) {
                targets.add("postgres");
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String t : SqlTargets.NAMES) {
            if (targets.contains(t)) {
                ordered.add(t);
            }
        }
        for (String t : targets) {
            if (!SqlTargets.NAMES.contains(t)) {
                throw bad("unknown target " + t + "; known: " + SqlTargets.NAMES);
            }
        }
        targets = ordered;
        if (targets.contains("postgres") && pgUrl == null) {
            throw bad("target postgres needs --pg-url");
        }
        for (String w : workloads) {
            if (!SqlWorkload.NAMES.contains(w)) {
                throw bad("unknown workload " + w + "; known: " + SqlWorkload.NAMES);
            }
        }
        if (rows < 1 || rangeSize < 1 || rangeSize > rows) {
            throw bad("need 1 <= --range-size <= --rows");
        }
        if (warmup < 0 || seconds <= 0 || repeats < 1 || threads.stream().anyMatch(t -> t < 1)) {
            throw bad("need --warmup >= 0, --seconds > 0, --repeats >= 1, --threads >= 1");
        }
        if (pgPassword == null) {
            pgPassword = System.getenv("PGPASSWORD");
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        results.clear();
        Path root = dataDir == null ? Files.createTempDirectory("sqlbench-")
                : Files.createTempDirectory(Files.createDirectories(dataDir), "sqlbench-");
        out.println("# Sediment SQL benchmark");
        out.println(machine());
        out.printf(Locale.ROOT, "rows=%,d range-size=%d fetch-size=%d warmup=%ss seconds=%ss repeats=%d threads=%s"
                + " workloads=%s seed=%d%n", rows, rangeSize, fetchSize, trim(warmup), trim(seconds), repeats,
                threads, workloads, seed);
        Map<String, SqlTarget> open = new LinkedHashMap<>();
        try {
            for (String name : targets) {
                SqlTarget t = SqlTargets.open(name, root, new SqlTargets.PgSettings(pgUrl, pgUser, pgPassword));
                open.put(name, t);
                long t0 = System.nanoTime();
                String settled;
                try (Connection c = t.connect()) {
                    KvData.load(c, rows, t.dropFirst());
                    double loadSeconds = (System.nanoTime() - t0) / 1e9;
                    long t1 = System.nanoTime();
                    settled = t.settle(c);
                    KvData.verify(c, rows, rangeSize);
                    out.printf(Locale.ROOT, "target %-15s %s%n", name, t.describe());
                    out.printf(Locale.ROOT, "       %-15s loaded %,d rows in %.1f s; %s and checked in %.1f s%n", "",
                            rows, loadSeconds, settled, (System.nanoTime() - t1) / 1e9);
                }
            }
            out.println();
            for (String workload : workloads) {
                for (int n : threads) {
                    measureCell(workload, n, new ArrayList<>(open.values()));
                }
            }
            out.println(SqlReport.table(results));
            out.println("ops/s: median of the repeats; spread: slowest-fastest repeat; p50/p99: over every"
                    + " measured operation; sediment/peer: ratio of median ops/s (>1: Sediment faster);"
                    + " load1: 1-minute load average at the start of each repeat.");
            if (csv != null) {
                SqlReport.writeCsv(csv, results);
                out.println("CSV: " + csv.toAbsolutePath());
            }
            return 0;
        } catch (Exception e) {
            err.println("sediment-sqlbench: " + e);
            e.printStackTrace(err);
            if (!results.isEmpty()) {
                out.println(SqlReport.table(results));
            }
            return 1;
        } finally {
            for (SqlTarget t : open.values()) {
                try {
                    t.close();
                } catch (Exception e) {
                    err.println("closing " + t.name() + ": " + e);
                }
            }
            if (!keepData) {
                deleteTree(root);
            } else {
                out.println("data kept in " + root);
            }
        }
    }

    private void measureCell(String workload, int n, List<SqlTarget> ts) throws Exception {
        List<SqlWorkload.Clients> clients = new ArrayList<>();
        try {
            for (SqlTarget t : ts) {
                clients.add(new SqlWorkload.Clients(t, workload, n, rows, rangeSize, fetchSize, seed));
            }
            if (warmup > 0) {
                for (int i = 0; i < ts.size(); i++) {
                    SqlWorkload.Run w = clients.get(i).run(warmup);
                    err.printf(Locale.ROOT, "warm-up  %-6s %2d thr %-15s %,12.0f ops/s%n", workload, n,
                            ts.get(i).name(), w.opsPerSecond());
                }
            }
            List<List<SqlWorkload.Run>> runs = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                runs.add(new ArrayList<>());
            }
            for (int r = 0; r < repeats; r++) {
                for (int j = 0; j < ts.size(); j++) {
                    int i = r % 2 == 0 ? j : ts.size() - 1 - j; // alternate the order against drift
                    SqlWorkload.Run run = clients.get(i).run(seconds);
                    runs.get(i).add(run);
                    err.printf(Locale.ROOT, "repeat %d %-6s %2d thr %-15s %,12.0f ops/s  load1 %.2f%n", r + 1,
                            workload, n, ts.get(i).name(), run.opsPerSecond(), run.load1());
                }
            }
            for (String group : List.of("embedded", "server")) {
                for (int i = 0; i < ts.size(); i++) {
                    if (ts.get(i).group().equals(group)) {
                        results.add(SqlResult.of(workload, n, ts.get(i), runs.get(i)));
                    }
                }
            }
        } finally {
            for (SqlWorkload.Clients c : clients) {
                c.close();
            }
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Machine, JDK, revision and load: the header of every report. */
    static String machine() {
        String mem = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    mem = String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "machine: %d cores, %s memory, %s %s (%s), %s %s; revision %s;"
                + " heap max %d MiB; load1 at start %.2f", Runtime.getRuntime().availableProcessors(), mem,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("sediment.revision", "unknown"), Runtime.getRuntime().maxMemory() >> 20,
                SqlWorkload.loadAverage());
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    /** Completion candidates of {@code --targets}. */
    static final class TargetNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TargetNames() {
            super(SqlTargets.NAMES);
        }
    }
}
