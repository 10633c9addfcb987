package io.sediment.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the SQL benchmark end to end in quick mode (3,000 rows, about a second per target and
 * cell) on Sediment embedded, H2 embedded, Sediment's server and H2's TCP server — and on
 * PostgreSQL too when {@code -Dsediment.sqlbench.pgUrl=jdbc:postgresql://127.0.0.1:PORT/DB} (with
 * optional {@code .pgUser} and {@code .pgPassword}) is given, so CI never needs PostgreSQL. Checks
 * that every target × workload × thread count has a row with a positive rate, the right rows per
 * operation, ordered percentiles and a ratio against Sediment, and that the CSV is written and the
 * databases are deleted. Speed itself is not asserted.
 */
class SqlBenchQuickTest {
    static {
        // Calcite's own assertions off, as in production and as the calcite-adapter, jdbc-driver and
        // sql-examples test runs configure it (-da:org.apache.calcite...): with -ea, Calcite's planner
        // asserts "already been registered" on Sediment's point-select plan, which runs correctly.
        // Takes effect because no Calcite class is loaded before this test class.
        SqlBenchQuickTest.class.getClassLoader().setPackageAssertionStatus("org.apache.calcite", false);
    }

    @Test
    void quickRunMeasuresEveryTarget(@TempDir Path dir) throws Exception {
        String pgUrl = System.getProperty("sediment.sqlbench.pgUrl", "");
        List<String> targets = new ArrayList<>(List.of("sediment", "h2", "sediment-server", "h2-tcp"));
        List<String> args = new ArrayList<>(List.of("--quick", "--warmup", "0.2", "--seconds", "0.5",
                "--data-dir", dir.resolve("data").toString(), "--csv", dir.resolve("sql.csv").toString()));
        if (!pgUrl.isBlank()) {
            targets.add("postgres");
            args.addAll(List.of("--pg-url", pgUrl));
            String user = System.getProperty("sediment.sqlbench.pgUser", "");
            String password = System.getProperty("sediment.sqlbench.pgPassword", "");
            if (!user.isBlank()) {
                args.addAll(List.of("--pg-user", user));
            }
            if (!password.isBlank()) {
                args.addAll(List.of("--pg-password", password));
            }
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        SqlBenchCommand command = new SqlBenchCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                System.err);
        int exit = new CommandLine(command).execute(args.toArray(String[]::new));
        String report = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, "exit code; output:\n" + report);

        Set<String> seen = new HashSet<>();
        for (SqlResult r : command.results()) {
            String cell = r.workload() + "/" + r.threads() + "/" + r.target();
            seen.add(cell);
            assertTrue(r.medianOpsPerSecond() > 0 && Double.isFinite(r.medianOpsPerSecond()), "rate of " + cell);
            assertEquals(r.workload().equals("point") ? 1.0 : 1_000.0, r.rowsPerOp(), 1e-9, "rows per op of " + cell);
            assertTrue(r.p50Micros() > 0 && r.p50Micros() <= r.p99Micros(), "percentiles of " + cell);
            assertEquals(r.target().startsWith("sediment"), r.sediment(), cell);
            assertEquals(r.target().equals("sediment") || r.target().equals("h2") ? "embedded" : "server",
                    r.group(), cell);
            if (!r.sediment()) {
                assertTrue(SqlReport.ratio(command.results(), r).orElse(-1.0) > 0, "ratio of " + cell);
            }
        }
        for (String w : SqlWorkload.NAMES) {
            for (int threads : List.of(1, 4)) {
                for (String t : targets) {
                    String cell = w + "/" + threads + "/" + t;
                    assertTrue(seen.contains(cell), "a result for " + cell + " in:\n" + report);
                }
            }
        }
        assertEquals(SqlWorkload.NAMES.size() * 2 * targets.size(), command.results().size());
        assertTrue(report.contains("sediment/peer") && report.contains("machine: "), report);
        for (String t : targets) {
            assertTrue(report.lines().anyMatch(l -> l.startsWith("target " + t + " ")), "description of " + t);
        }
        List<String> csv = Files.readAllLines(dir.resolve("sql.csv"));
        assertEquals(command.results().size() + 1, csv.size(), String.join("\n", csv));
        try (Stream<Path> left = Files.list(dir.resolve("data"))) {
            assertEquals(0, left.count(), "the databases are deleted after the run");
        }
    }

    @Test
    void badFlagsExitWithTwo() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
        for (String[] args : List.of(new String[] {"--targets", "nosuch"}, new String[] {"--targets", "postgres"},
                new String[] {"--workloads", "scan"}, new String[] {"--rows", "10", "--range-size", "11"})) {
            CommandLine cl = new CommandLine(new SqlBenchCommand(quiet, quiet)).setErr(new java.io.PrintWriter(quiet));
            assertEquals(2, cl.execute(args), String.join(" ", args));
        }
    }

    @Test
    void valuesAreFixedWidthAndDistinct() {
        Set<String> values = new HashSet<>();
        for (long k = 0; k < 10_000; k++) {
            String v = KvData.value(k);
            assertEquals(KvData.VALUE_LENGTH, v.length());
            assertTrue(values.add(v));
        }
    }
}
