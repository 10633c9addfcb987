package io.sediment.calcite.rel;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Stops a running statement when the JDBC client cancels it ({@code Statement.cancel()}) or its
 * query timeout ({@code Statement.setQueryTimeout}, or the connection's {@code statement_timeout},
 * whichever is shorter) passes. Calcite hands both to the execution
 * in its DataContext — the statement's cancel flag and the timeout in milliseconds, counted from
 * the execution's start time — but enforces neither while rows are computed; scans call
 * {@link #check()} as they read, so a long scan, join or aggregate ends with an error that says
 * why, and its iterators and snapshot are released (see {@code ScanRuntime}).
 */
final class StatementDeadline {
    private static final StatementDeadline NONE = new StatementDeadline(null, 0, Long.MAX_VALUE);

    private final AtomicBoolean cancelFlag;
    private final long timeoutMillis;
    private final long deadlineMillis;

    private StatementDeadline(AtomicBoolean cancelFlag, long timeoutMillis, long deadlineMillis) {
        this.cancelFlag = cancelFlag;
        this.timeoutMillis = timeoutMillis;
        this.deadlineMillis = deadlineMillis;
    }

    /**
     * The cancel flag and timeout of the execution {@code root} belongs to, with the connection's
     * default timeout of {@code sessionTimeoutSeconds} (0 = none).
     */
    static StatementDeadline of(DataContext root, int sessionTimeoutSeconds) {
        Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
        Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
        AtomicBoolean cancel = flag instanceof AtomicBoolean b ? b : null;
        long millis = timeout instanceof Number n ? n.longValue() : 0;
        long sessionMillis = sessionTimeoutSeconds * 1000L;
        if (sessionMillis > 0 && (millis <= 0 || sessionMillis < millis)) {
            millis = sessionMillis;
        }
        if (cancel == null && millis <= 0) {
            return NONE;
        }
        long deadline = Long.MAX_VALUE;
        if (millis > 0) {
            Object started = root.get(DataContext.Variable.UTC_TIMESTAMP.camelName);
            long start = started instanceof Number n ? n.longValue() : System.currentTimeMillis();
            deadline = start + millis;
        }
        return new StatementDeadline(cancel, millis, deadline);
    }

    /**
     * @throws StatementStoppedException naming the reason when the statement was cancelled or its
     *     timeout has passed
     */
    void check() {
        if (cancelFlag != null && cancelFlag.get()) {
            throw new StatementStoppedException("statement cancelled", false);
        }
        if (deadlineMillis != Long.MAX_VALUE && System.currentTimeMillis() > deadlineMillis) {
            throw new StatementStoppedException("query timeout of " + timeoutMillis / 1000.0 + " s exceeded", true);
        }
    }
}
