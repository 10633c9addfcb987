package io.sediment.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line printed while a phase runs: engine, workload, operations done (of planned),
 * the overall rate and the rate over the last interval. On a terminal it rewrites one line every
 * second; otherwise (CI logs) it prints a line every ten seconds. Workers feed {@link #counter()};
 * a daemon thread prints. {@link #close()} stops it and clears the line.
 */
final class Progress implements AutoCloseable {
    private final AtomicLong counter = new AtomicLong();
    private final PrintStream out;
    private final String label;
    private final long planned;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final Thread printer;
    private volatile boolean running = true;

    Progress(PrintStream out, String label, long planned) {
        this.out = out;
        this.label = label;
        this.planned = planned;
        this.terminal = System.console() != null;
        this.printer = new Thread(this::loop, "bench-progress");
        printer.setDaemon(true);
        printer.start();
    }

    AtomicLong counter() {
        return counter;
    }

    private void loop() {
        long interval = terminal ? 1000 : 10_000;
        long lastOps = 0;
        long lastNanos = startNanos;
        while (running) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            long ops = counter.get();
            double total = ops / ((now - startNanos) / 1e9);
            double recent = (ops - lastOps) / ((now - lastNanos) / 1e9);
            lastOps = ops;
            lastNanos = now;
            String done = planned > 0
                    ? String.format(Locale.ROOT, "%,d/%,d (%.0f%%)", ops, planned, 100.0 * ops / planned)
                    : String.format(Locale.ROOT, "%,d", ops);
            String line = String.format(Locale.ROOT, "  %-40s %s  %,.0f ops/s (last %ds: %,.0f)", label, done, total,
                    interval / 1000, recent);
            synchronized (out) {
                if (terminal) {
                    out.print("\r" + line + "   ");
                } else {
                    out.println(line);
                }
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        printer.interrupt();
        try {
            printer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            synchronized (out) {
                out.print("\r" + " ".repeat(110) + "\r");
                out.flush();
            }
        }
    }
}
