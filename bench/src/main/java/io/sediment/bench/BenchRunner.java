package io.sediment.bench;

import io.sediment.bench.engine.Amplification;
import io.sediment.bench.engine.Engine;
import io.sediment.bench.engine.Engines;
import io.sediment.bench.engine.SedimentEngine;
import io.sediment.bench.report.MachineInfo;
import io.sediment.bench.report.Result;
import io.sediment.bench.timeline.CompactionTimeline;
import io.sediment.bench.timeline.TimelineSvg;
import io.sediment.bench.timeline.TimelineText;
import io.sediment.bench.workload.Keys;
import io.sediment.bench.workload.RunContext;
import io.sediment.bench.workload.Values;
import io.sediment.bench.workload.Workload;
import io.sediment.bench.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Runs every workload on every engine, one at a time, and returns a row for each. For workload
 * number {@code i} the engine order is rotated by {@code i}, so no engine always runs first (on a
 * cold machine) or last (after the others' background work). Each run gets a fresh database
 * directory: open, load if the workload needs data (untimed, then settle), the timed phase, settle
 * again (untimed), amplification and disk size, close, delete. Before the first syncwrite workload
 * the disk's raw fsync rate is measured and reported as engine {@code disk}, workloads {@code fsync-raw}
 * (appending) and {@code fsync-raw-inplace} (rewriting in place).
 * For Sediment engines a compaction timeline (SVG and text) is written per workload.
 */
final class BenchRunner {
    private final BenchConfig config;
    private final PrintStream log;
    private final Keys keys;
    private final Values values;
    private final Map<String, String> engineDescriptions = new LinkedHashMap<>();
    private int[] loadOrder;

    BenchRunner(BenchConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
        this.keys = new Keys(config.keySize());
        this.values = new Values(config.valueSize(), config.compressibility(), config.seed());
    }

    /** Engine name → the settings it actually ran with (filled as engines open). */
    Map<String, String> engineDescriptions() {
        return engineDescriptions;
    }

    List<Result> run() throws IOException {
        List<Result> results = new ArrayList<>();
        Files.createDirectories(config.dataDir());
        boolean fsyncMeasured = false;
        for (int i = 0; i < config.workloads().size(); i++) {
            String workload = config.workloads().get(i);
            if (workload.startsWith("syncwrite") && !fsyncMeasured) {
                results.addAll(rawFsync());
                fsyncMeasured = true;
            }
            List<String> order = new ArrayList<>(config.engines());
            java.util.Collections.rotate(order, -(i % Math.max(1, order.size())));
            for (String engine : order) {
                Result r = runOne(workload, engine);
                results.add(r);
                log.printf(Locale.ROOT, "%-18s %-16s %,12.0f ops/s  p50 %8.1f us  p99 %9.1f us  %s%n", r.workload(),
                        r.engine(), r.opsPerSecond(), r.p50Micros(), r.p99Micros(), r.note());
            }
        }
        return results;
    }

    private List<Result> rawFsync() throws IOException {
        List<Result> rows = new ArrayList<>();
        for (boolean inPlace : new boolean[] {false, true}) {
            long[] m = DiskProbe.fsyncLoop(config.dataDir().resolve("fsync-probe"), config.syncMillis(), inPlace);
            double seconds = m[1] / 1e9;
            Result r = new Result(inPlace ? "fsync-raw-inplace" : "fsync-raw", "disk", 1, m[0], seconds,
                    m[0] / seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    0, MachineInfo.load1(), inPlace ? "rewrite 128 B at offset 0 + fsync (no size change)"
                            : "append 128 B + fsync (FileChannel.force) loop");
            log.printf(Locale.ROOT, "%-18s %-16s %,12.0f fsyncs/s%n", r.workload(), r.engine(), r.opsPerSecond());
            rows.add(r);
        }
        return rows;
    }

    private Result runOne(String workloadName, String engineName) {
        Workload workload = Workloads.create(workloadName, config.syncMillis());
        Path dir = config.dataDir().resolve(workloadName + "-" + engineName);
        Engine engine = Engines.create(engineName);
        TimelineSampler sampler = null;
        int threads = config.threads();
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            engine.open(dir, Engines.settingsFor(engineName, config.settings()));
            engineDescriptions.putIfAbsent(engineName, engine.describe());
            if (engine instanceof SedimentEngine s && config.timelines()) {
                sampler = new TimelineSampler(s.db(), config.sampleMillis());
                sampler.start();
            }
            RunContext ctx = new RunContext(engine, keys, values, config.num(), config.ops(), config.threads(),
                    config.sync(), config.seed());
            threads = workload.threads(ctx);
            if (workload.needsLoad()) {
                mark(sampler, "load");
                try (Progress p = new Progress(log, engineName + " " + workloadName + " (loading)", config.num())) {
                    Loader.load(ctx, loadOrder(), p.counter());
                }
                engine.settle(config.settleMillis());
            }
            workload.prepare(ctx);
            mark(sampler, workloadName + " starts");
            TimedPhase.Outcome outcome;
            try (Progress p = new Progress(log, engineName + " " + workloadName, workload.plannedOps(ctx))) {
                outcome = TimedPhase.run(workload, ctx, p.counter());
            }
            double load1 = MachineInfo.load1();
            mark(sampler, workloadName + " ends");
            engine.settle(config.settleMillis());
            workload.afterSettle(ctx);
            Amplification amp = engine.amplification();
            long disk = directoryBytes(dir);
            if (sampler != null) {
                writeTimeline(sampler.stop(), workloadName, engineName);
                sampler = null;
            }
            double seconds = outcome.nanos() / 1e9;
            Histogram h = outcome.histogram();
            String note = workload.note(seconds);
            if (outcome.found() + outcome.missed() > 0) {
                note = (note.isEmpty() ? "" : note + "; ")
                        + String.format(Locale.ROOT, "found %.1f%%", 100.0 * outcome.found() / (outcome.found() + outcome.missed()));
            }
            return new Result(workloadName, engineName, threads, outcome.ops(), seconds,
                    outcome.ops() / Math.max(seconds, 1e-9), micros(h, 50), micros(h, 99), micros(h, 99.9),
                    h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0, amp.write(), amp.read(),
                    amp.space(), disk, load1, note);
        } catch (Exception | Error e) {
            e.printStackTrace(log);
            return Result.failed(workloadName, engineName, threads, e);
        } finally {
            if (sampler != null) {
                sampler.stop();
            }
            try {
                engine.close();
            } catch (Exception e) {
                e.printStackTrace(log);
            }
            try {
                deleteRecursively(dir);
            } catch (IOException e) {
                e.printStackTrace(log);
            }
        }
    }

    private int[] loadOrder() {
        if (loadOrder == null) {
            loadOrder = Loader.order(config.num(), config.seed());
        }
        return loadOrder;
    }

    private void writeTimeline(CompactionTimeline timeline, String workload, String engine) throws IOException {
        String base = "timeline-" + workload + (engine.equals("sediment") ? "" : "-" + engine);
        String title = String.format(Locale.ROOT, "Sediment (%s) compaction timeline: %s, %,d keys, %d-byte keys,"
                + " %d-byte values", engine, workload, config.num(), config.keySize(), config.valueSize());
        Files.writeString(config.out().resolve(base + ".svg"), TimelineSvg.render(timeline, title));
        Files.writeString(config.out().resolve(base + ".txt"), TimelineText.render(timeline, title));
    }

    private static void mark(TimelineSampler sampler, String label) {
        if (sampler != null) {
            sampler.mark(label);
        }
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static long directoryBytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
