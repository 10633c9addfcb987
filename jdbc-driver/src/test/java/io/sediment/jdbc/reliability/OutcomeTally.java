package io.sediment.jdbc.reliability;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what the fuzzed calls got back — results and errors per case kind, errors by their root
 * cause — and keeps examples of errors whose root cause is an internal failure (a
 * NullPointerException, an overflowed stack, generated code that does not compile, ...) rather
 * than a message about the statement: such errors are not failures of the run, but they are not
 * the clear error the design promises either, and are reported. Thread-safe.
 */
final class OutcomeTally {
    /** Root causes that say "something broke inside", not "your statement is wrong". */
    private static final Set<String> INTERNAL = Set.of("NullPointerException", "ClassCastException",
        "ArrayIndexOutOfBoundsException", "IndexOutOfBoundsException", "StringIndexOutOfBoundsException",
        "AssertionError", "IllegalStateException", "UnsupportedOperationException", "StackOverflowError",
        "InternalCompilerException", "CompileException", "NoSuchElementException", "NegativeArraySizeException",
        "OutOfMemoryError", "ExceptionInInitializerError", "NoSuchMethodException",
        "InvocationTargetException");

    /** A server-side cause in an error message: {@code " -> SomeException:"}. */
    private static final Pattern SERVER_CAUSE = Pattern.compile(" -> ([A-Za-z_$][A-Za-z0-9_$]*(?:Exception|Error)):");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rootCauses = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<String>> internalExamples = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> millis = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    void ok(String kind) {
        total.increment();
        counts.computeIfAbsent(kind + " ok", k -> new LongAdder()).increment();
    }

    /** A driver behaviour outside the JDBC contract that the run tolerates (and reports). */
    void anomaly(String what) {
        counts.computeIfAbsent("anomaly: " + what, k -> new LongAdder()).increment();
    }

    /** Time spent on calls of {@code kind}, answered or not. */
    void time(String kind, long callMillis) {
        millis.computeIfAbsent(kind, k -> new LongAdder()).add(callMillis);
    }

    void error(String kind, String sql, SQLException e) {
        total.increment();
        counts.computeIfAbsent(kind + " error", k -> new LongAdder()).increment();
        String root = rootCause(e);
        rootCauses.computeIfAbsent(root, k -> new LongAdder()).increment();
        if (INTERNAL.contains(root) || e.getMessage() == null || e.getMessage().isBlank()) {
            ConcurrentLinkedQueue<String> q =
                internalExamples.computeIfAbsent(root, k -> new ConcurrentLinkedQueue<>());
            if (q.size() < 3) {
                q.add(FuzzCase.shorten(sql) + "\n      => " + FuzzCase.shorten(lastSegments(e.getMessage())));
            }
        }
    }

    long total() {
        return total.sum();
    }

    long internalErrors() {
        long n = 0;
        for (Map.Entry<String, LongAdder> e : rootCauses.entrySet()) {
            if (INTERNAL.contains(e.getKey())) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    /**
     * The innermost exception class the error names. Errors from the server carry the server's
     * cause chain in the message ({@code ... -> Class: message -> Class: message}); errors raised
     * in the client carry it as Java causes.
     */
    static String rootCause(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        Matcher named = SERVER_CAUSE.matcher(m);
        String last = null;
        while (named.find()) {
            last = named.group(1);
        }
        if (last != null) {
            return last;
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static String lastSegments(String m) {
        if (m == null) {
            return "(no message)";
        }
        int arrow = m.lastIndexOf(" -> ");
        int before = arrow < 0 ? -1 : m.lastIndexOf(" -> ", arrow - 1);
        return before >= 0 ? m.substring(before + 4) : m;
    }

    /** A multi-line summary: counts per kind, root causes, internal-error examples. */
    String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("outcomes (").append(total()).append(" calls):\n");
        new TreeMap<>(counts).forEach((k, v) -> sb.append(String.format("  %-24s %8d%n", k, v.sum())));
        sb.append("milliseconds spent per kind:\n");
        new TreeMap<>(millis).forEach((k, v) -> sb.append(String.format("  %-24s %8d%n", k, v.sum())));
        sb.append("error root causes:\n");
        List<Map.Entry<String, LongAdder>> causes = new ArrayList<>(rootCauses.entrySet());
        causes.sort((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()));
        for (Map.Entry<String, LongAdder> e : causes) {
            sb.append(String.format("  %-40s %8d%s%n", e.getKey(), e.getValue().sum(),
                INTERNAL.contains(e.getKey()) ? "  (internal)" : ""));
        }
        if (!internalExamples.isEmpty()) {
            sb.append("examples of errors with an internal root cause:\n");
            new TreeMap<>(internalExamples).forEach((k, q) -> q.forEach(x -> sb.append("  [").append(k).append("] ")
                .append(x).append('\n')));
        }
        return sb.toString();
    }
}
