package io.sediment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's flags: defaults, expansion of syncwrite, and clear refusals of bad input. */
class BenchCommandTest {

    private static CommandLine parse(BenchCommand command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.parseArgs(args);
        return cl;
    }

    @Test
    void defaultsMatchTheIssue() {
        BenchCommand command = new BenchCommand();
        parse(command);
        BenchConfig c = command.config();
        assertEquals(List.of("sediment", "rocksdb", "leveldb", "h2"), c.engines());
        assertEquals(1_000_000, c.num());
        assertEquals(1_000_000, c.ops());
        assertEquals(16, c.keySize());
        assertEquals(100, c.valueSize());
        assertEquals(64L << 20, c.settings().writeBufferBytes());
        assertEquals(64L << 20, c.settings().blockCacheBytes());
        assertEquals(10, c.settings().bloomBitsPerKey());
        assertTrue(c.workloads().containsAll(List.of("syncwrite-t1", "syncwrite-t4", "syncwrite-t16", "ycsb-e")));
        assertEquals(Path.of("results", "data"), c.dataDir());
    }

    @Test
    void quickShrinksTheRun() {
        BenchCommand command = new BenchCommand();
        parse(command, "--quick", "--workloads", "fillrandom,syncwrite", "--sync-threads", "2");
        BenchConfig c = command.config();
        assertEquals(20_000, c.num());
        assertEquals(List.of("fillrandom", "syncwrite-t2"), c.workloads());
    }

    @Test
    void badFlagsAreRefusedWithTheReason() {
        assertRefused("unknown engine 'mysql'", "--engines", "sediment,mysql");
        assertRefused("unknown workload 'fillsideways'", "--workloads", "fillsideways");
        assertRefused("--key-size 3 cannot hold", "--key-size", "3", "--num", "5000");
        assertRefused("--threads must be at least 1", "--threads", "0");
    }

    /** Every {@code bin/sediment-bench} command in docs/benchmarks.md is one the command accepts. */
    @Test
    void everyCommandInTheBenchmarkDocsIsAccepted() throws Exception {
        String page = java.nio.file.Files.readString(Path.of("..", "docs", "benchmarks.md")).replace("\\\n", " ");
        List<String> commands = page.lines().map(String::strip).filter(l -> l.startsWith("bin/sediment-bench "))
                .map(l -> l.replaceFirst("\\s+#.*$", "")).toList();
        assertTrue(commands.size() >= 10, "commands found: " + commands);
        for (String line : commands) {
            String[] args = line.substring("bin/sediment-bench ".length()).split("\\s+");
            BenchCommand command = new BenchCommand();
            try {
                parse(command, args);
                command.config();
            } catch (RuntimeException e) {
                throw new AssertionError("docs/benchmarks.md: " + line + " -> " + e.getMessage(), e);
            }
        }
    }

    private static void assertRefused(String message, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        assertEquals(2, cl.execute(args), "exit code for " + String.join(" ", args));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString(StandardCharsets.UTF_8));
    }
}
