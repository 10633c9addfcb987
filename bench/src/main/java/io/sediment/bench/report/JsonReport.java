package io.sediment.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as one JSON document: the machine, the run's settings, each engine's applied
 * configuration, and every row (unknown numbers are {@code null}). Written by hand to keep the
 * benchmark's dependencies to the engines it measures. Stateless.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(Map<String, String> machine, Map<String, String> settings, Map<String, String> engines,
                                List<Result> results) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"machine\": ").append(object(machine)).append(",\n");
        out.append("  \"settings\": ").append(object(settings)).append(",\n");
        out.append("  \"engines\": ").append(object(engines)).append(",\n");
        out.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            out.append("    {")
                    .append("\"workload\": ").append(str(r.workload()))
                    .append(", \"engine\": ").append(str(r.engine()))
                    .append(", \"threads\": ").append(r.threads())
                    .append(", \"ops\": ").append(r.ops())
                    .append(", \"seconds\": ").append(num(r.seconds()))
                    .append(", \"opsPerSec\": ").append(num(r.opsPerSecond()))
                    .append(", \"p50Micros\": ").append(num(r.p50Micros()))
                    .append(", \"p99Micros\": ").append(num(r.p99Micros()))
                    .append(", \"p999Micros\": ").append(num(r.p999Micros()))
                    .append(", \"maxMicros\": ").append(num(r.maxMicros()))
                    .append(", \"ratioSedimentOverEngine\": ").append(num(Ratios.versusSediment(results, r)))
                    .append(", \"writeAmp\": ").append(num(r.writeAmp()))
                    .append(", \"readAmp\": ").append(num(r.readAmp()))
                    .append(", \"spaceAmp\": ").append(num(r.spaceAmp()))
                    .append(", \"diskBytes\": ").append(r.diskBytes())
                    .append(", \"load1\": ").append(num(r.load1()))
                    .append(", \"note\": ").append(str(r.note()))
                    .append(i + 1 < results.size() ? "},\n" : "}\n");
        }
        out.append("  ]\n}\n");
        return out.toString();
    }

    private static String object(Map<String, String> map) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            out.append(first ? "" : ", ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
            first = false;
        }
        return out.append('}').toString();
    }

    static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
