package io.sediment.bench.report;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the numbers were measured on: processors, memory, CPU model, JDK, OS, the file system of
 * the data directory, and the load average (read from /proc where present). Plain data for the
 * report's header and the JSON output.
 */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** Name → value, in display order. */
    public static Map<String, String> describe(Path dataDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("memory", firstLine("/proc/meminfo", "MemTotal").replace("MemTotal:", "").trim());
        m.put("cpu", firstLine("/proc/cpuinfo", "model name").replaceFirst("model name\\s*:\\s*", ""));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        try {
            FileStore store = Files.getFileStore(Files.exists(dataDir) ? dataDir : dataDir.toAbsolutePath().getRoot());
            m.put("disk", store.name() + " (" + store.type() + ")");
        } catch (IOException e) {
            m.put("disk", "unknown (" + e.getMessage() + ")");
        }
        m.put("maxHeap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        // Set by bin/sediment-bench from git, so that a result names the engine it measured.
        m.put("revision", System.getProperty("sediment.revision", "unknown"));
        return m;
    }

    /** The 1-minute load average, or NaN where /proc/loadavg is missing. */
    public static double load1() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg")).trim();
            return Double.parseDouble(s.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The load averages as shown by uptime (1, 5, 15 minutes), or "unknown". */
    public static String loadAverages() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.format(Locale.ROOT, "%s %s %s", p[0], p[1], p[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstLine(String file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: leave it unknown.
        }
        return "unknown";
    }
}
