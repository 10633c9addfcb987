package io.sediment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.bench.report.CsvReport;
import io.sediment.bench.report.Result;
import io.sediment.bench.workload.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the benchmark command end to end in quick mode (every workload on every engine, 20,000
 * keys) so that it never rots: every workload × engine has a row with a positive rate in the
 * table, the CSV and the JSON, and the compaction timeline is drawn. Speed itself is not asserted.
 */
class QuickBenchTest {
    private static final List<String> ENGINES = List.of("sediment", "rocksdb", "leveldb", "h2");

    @Test
    void quickRunCoversEveryWorkloadAndEngine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        int exit = new CommandLine(command).execute("--quick", "--engines", String.join(",", ENGINES), "--out",
                out.toString());
        String table = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, "exit code; output:\n" + table);

        List<String> expected = new ArrayList<>();
        for (String name : Workloads.NAMES) {
            expected.addAll(Workloads.expand(name, List.of(1, 4, 16)));
        }
        List<Result> results = command.results();
        Set<String> seen = new HashSet<>();
        for (Result r : results) {
            seen.add(r.workload() + "/" + r.engine());
            assertTrue(r.opsPerSecond() > 0 && Double.isFinite(r.opsPerSecond()), "rate of " + r);
            assertTrue(r.ops() > 0, "ops of " + r);
            if (!r.engine().equals("disk")) {
                assertTrue(r.p50Micros() > 0 && r.p50Micros() <= r.p99Micros() && r.p99Micros() <= r.p999Micros(),
                        "latency percentiles of " + r);
            }
        }
        assertTrue(seen.contains("fsync-raw/disk") && seen.contains("fsync-raw-inplace/disk"), "raw fsync rows");
        for (String w : expected) {
            for (String e : ENGINES) {
                assertTrue(seen.contains(w + "/" + e), "row for " + w + " on " + e + " in:\n" + table);
                assertTrue(table.lines().anyMatch(l -> l.startsWith(w + " ") && l.contains(" " + e + " ")),
                        "table line for " + w + " on " + e);
            }
        }
        assertEquals(expected.size() * ENGINES.size() + 2, results.size(), "one row per workload x engine + 2 fsync");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(CsvReport.HEADER, csv.get(0));
        assertEquals(results.size() + 1, csv.size(), "CSV rows");
        for (String line : csv.subList(1, csv.size())) {
            double rate = Double.parseDouble(line.split(",")[5]);
            assertTrue(rate > 0, "CSV rate in " + line);
        }
        String json = Files.readString(out.resolve("results.json"));
        assertEquals(results.size(), json.split("\"opsPerSec\"", -1).length - 1, "JSON rows");
        assertTrue(Files.readString(out.resolve("timeline-fillrandom.svg")).contains("</svg>"), "timeline SVG");
        assertTrue(Files.readString(out.resolve("timeline-fillrandom.txt")).contains("flush"), "timeline text");
        assertTrue(Files.notExists(out.resolve("data").resolve("fillrandom-sediment")), "databases are deleted");
    }

    /** The tiered variants (Sediment tiered, RocksDB universal) run and report amplification. */
    @Test
    void tieredVariantsRunAndReportAmplification(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        int exit = new CommandLine(command).execute("--quick", "--no-timeline", "--engines",
                "sediment-tiered,rocksdb-universal", "--workloads", "amplification", "--out",
                dir.resolve("results").toString());
        assertEquals(0, exit, "exit code; output:\n" + stdout.toString(StandardCharsets.UTF_8));
        List<Result> results = command.results();
        assertEquals(Set.of("sediment-tiered", "rocksdb-universal"),
                results.stream().map(Result::engine).collect(java.util.stream.Collectors.toSet()));
        for (Result r : results) {
            assertTrue(r.opsPerSecond() > 0, "rate of " + r);
            assertTrue(r.writeAmp() > 0 && r.spaceAmp() >= 1, "amplification of " + r);
        }
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("compactionStyle=UNIVERSAL"),
                "RocksDB's settings line names its style");
    }
}
