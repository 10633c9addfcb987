package io.sediment.calcite.rel;

/**
 * A statement stopped while computing rows because the client cancelled it or its query timeout
 * passed ({@link #timedOut()} tells which). Thrown by the scans; the statement layer turns it into
 * the SQLException JDBC prescribes ({@code SQLTimeoutException} for a timeout).
 */
public final class StatementStoppedException extends IllegalStateException {
    private final boolean timedOut;

    StatementStoppedException(String message, boolean timedOut) {
        super(message);
        this.timedOut = timedOut;
    }

    /** True for a query timeout, false for a cancel. */
    public boolean timedOut() {
        return timedOut;
    }
}
