package io.sediment.bench;

import io.sediment.bench.engine.EngineSettings;
import io.sediment.bench.engine.Engines;
import io.sediment.bench.report.CsvReport;
import io.sediment.bench.report.JsonReport;
import io.sediment.bench.report.MachineInfo;
import io.sediment.bench.report.Result;
import io.sediment.bench.report.ResultTable;
import io.sediment.bench.workload.Keys;
import io.sediment.bench.workload.Workloads;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sediment-bench} command line: parses the flags, runs {@link BenchRunner}, prints the
 * result tables and writes {@code results.csv}, {@code results.json} and {@code report.txt} (plus
 * Sediment's compaction timelines) into {@code --out}. Exit code 0 when every run succeeded, 1 when
 * one failed (its row says why), 2 for bad flags.
 */
@Command(name = "sediment-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs db_bench- and YCSB-style workloads on Sediment and its peers in one run and prints"
                + " ops/s, latency percentiles, Sediment/peer ratios and amplification.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--engines", split = ",", description = "Engines, from: ${COMPLETION-CANDIDATES}."
            + " Default: sediment,rocksdb,leveldb,h2.", completionCandidates = EngineNames.class)
    List<String> engines = new ArrayList<>(List.of("sediment", "rocksdb", "leveldb", "h2"));

    @Option(names = "--workloads", split = ",", description = "Workloads, from: ${COMPLETION-CANDIDATES}, or all."
            + " Default: all.", completionCandidates = WorkloadNames.class)
    List<String> workloads = new ArrayList<>(List.of("all"));

    @Option(names = "--num", description = "Keys loaded or filled. Default: ${DEFAULT-VALUE}.")
    long num = 1_000_000;

    @Option(names = {"--ops", "--reads"}, description = "Operations of non-fill workloads. Default: --num.")
    long ops = -1;

    @Option(names = "--key-size", description = "Key bytes (zero-padded decimal). Default: ${DEFAULT-VALUE}.")
    int keySize = 16;

    @Option(names = "--value-size", description = "Value bytes. Default: ${DEFAULT-VALUE}.")
    int valueSize = 100;

    @Option(names = "--threads", description = "Worker threads. Default: ${DEFAULT-VALUE}.")
    int threads = 1;

    @Option(names = "--compressibility", description = "Compressed/original size of values, in (0, 1]."
            + " Default: ${DEFAULT-VALUE}.")
    double compressibility = 0.5;

    @Option(names = "--sync", arity = "1", description = "Fsync every write (true/false). Default: ${DEFAULT-VALUE}.")
    boolean sync;

    @Option(names = "--out", description = "Directory for results. Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("results");

    @Option(names = "--data-dir", description = "Where databases are created (and deleted). Default: <out>/data.")
    Path dataDir;

    @Option(names = "--sync-threads", split = ",", description = "Thread counts of syncwrite. Default: 1,4,16.")
    List<Integer> syncThreads = new ArrayList<>(List.of(1, 4, 16));

    @Option(names = "--sync-seconds", description = "Seconds per syncwrite variant and fsync probe."
            + " Default: ${DEFAULT-VALUE}.")
    double syncSeconds = 3;

    @Option(names = "--write-buffer-mb", description = "Memtable / write buffer MiB. Default: ${DEFAULT-VALUE}.")
    long writeBufferMb = 64;

    @Option(names = "--cache-mb", description = "Block cache MiB. Default: ${DEFAULT-VALUE}.")
    long cacheMb = 64;

    @Option(names = "--bloom-bits", description = "Bloom filter bits per key. Default: ${DEFAULT-VALUE}.")
    int bloomBits = 10;

    @Option(names = "--block-size", description = "Data block bytes. Default: ${DEFAULT-VALUE}.")
    int blockSize = 4096;

    @Option(names = "--compression", arity = "1", description = "Compress blocks (true/false). Default: ${DEFAULT-VALUE}.")
    boolean compression = true;

    @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--settle-seconds", description = "Longest wait for compaction after a phase. Default: ${DEFAULT-VALUE}.")
    long settleSeconds = 300;

    @Option(names = "--sample-ms", description = "Timeline sampling interval. Default: ${DEFAULT-VALUE}.")
    long sampleMillis = 250;

    @Option(names = "--no-timeline", negatable = false, description = "Do not write compaction timelines.")
    boolean noTimeline;

    @Option(names = "--quick", description = "Smoke run: 20,000 keys, short syncwrite and settles (CI uses it).")
    boolean quick;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream stdout;
    private final PrintStream log;
    private List<Result> results = List.of();

    public BenchCommand() {
        this(System.out, System.err);
    }

    BenchCommand(PrintStream stdout, PrintStream log) {
        this.stdout = stdout;
        this.log = log;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    /** The rows of the last run (for tests). */
    List<Result> results() {
        return results;
    }

    @Override
    public Integer call() throws Exception {
        BenchConfig config = config();
        Files.createDirectories(config.out());
        Map<String, String> machine = MachineInfo.describe(config.dataDir().toAbsolutePath().getParent());
        String started = Instant.now().toString();
        String loadBefore = MachineInfo.loadAverages();
        BenchRunner runner = new BenchRunner(config, log);
        results = runner.run();
        machine.put("loadAverageAtStart", loadBefore);
        machine.put("loadAverageAtEnd", MachineInfo.loadAverages());
        machine.put("started", started);
        machine.put("finished", Instant.now().toString());

        StringBuilder report = new StringBuilder();
        report.append("sediment-bench ").append(String.join(" ", commandLine())).append("\n\n");
        machine.forEach((k, v) -> report.append(String.format("%-20s %s%n", k, v)));
        report.append('\n');
        runner.engineDescriptions().forEach((k, v) -> report.append(v).append('\n'));
        report.append('\n').append(ResultTable.render(results));
        stdout.print(report);
        Files.writeString(config.out().resolve("report.txt"), report);
        Files.writeString(config.out().resolve("results.csv"), CsvReport.render(results));
        Files.writeString(config.out().resolve("results.json"),
                JsonReport.render(machine, config.describe(), runner.engineDescriptions(), results));
        stdout.println("\nwrote " + config.out().resolve("report.txt") + ", results.csv, results.json");
        return results.stream().anyMatch(Result::failed) ? 1 : 0;
    }

    private List<String> commandLine() {
        List<String> args = new ArrayList<>();
        args.add("--engines " + String.join(",", engines));
        args.add("--workloads " + String.join(",", workloads));
        args.add(quick ? "--quick" : "--num " + num);
        if (ops >= 0) {
            args.add("--ops " + ops);
        }
        args.add("--threads " + threads);
        args.add("--sync " + sync);
        return args;
    }

    BenchConfig config() {
        long n = quick ? 20_000 : num;
        long o = quick ? (ops >= 0 ? Math.min(ops, 20_000) : 20_000) : (ops >= 0 ? ops : num);
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--num must be at least 1");
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (new Keys(keySize).capacity() < n + o) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--key-size " + keySize + " cannot hold " + (n + o) + " distinct keys");
        }
        for (String e : engines) {
            if (!Engines.NAMES.contains(e)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown engine '" + e + "'; known: " + Engines.NAMES);
            }
        }
        List<String> concrete = new ArrayList<>();
        for (String w : workloads.contains("all") ? Workloads.NAMES : workloads) {
            try {
                concrete.addAll(Workloads.expand(w, syncThreads));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        EngineSettings settings = new EngineSettings(writeBufferMb << 20, cacheMb << 20, bloomBits, blockSize,
                compression, "LEVELED");
        long syncMillis = quick ? 300 : Math.round(syncSeconds * 1000);
        return new BenchConfig(List.copyOf(engines), concrete, n, o, keySize, valueSize, threads, compressibility,
                sync, out, dataDir != null ? dataDir : out.resolve("data"), settings, syncMillis,
                quick ? 100 : sampleMillis, quick ? 10_000 : settleSeconds * 1000, seed, !noTimeline);
    }

    /** Engine names for the help text. */
    static final class EngineNames extends ArrayList<String> {
        EngineNames() {
            super(Engines.NAMES);
        }
    }

    /** Workload names for the help text. */
    static final class WorkloadNames extends ArrayList<String> {
        WorkloadNames() {
            super(Workloads.NAMES);
        }
    }
}
