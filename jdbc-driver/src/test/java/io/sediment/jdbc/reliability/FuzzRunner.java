package io.sediment.jdbc.reliability;

import io.sediment.jdbc.reliability.FuzzCase.Param;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs one {@link FuzzCase} on a connection and classifies the outcome. A result (rows read, up
 * to a bound, with every column fetched) or a {@link SQLException} is an answer; anything else
 * thrown — a runtime exception or error escaping the driver — is returned as a violation, as is
 * a success of a case that must fail, and an error that is the client's response timeout (the
 * server did not answer). Two deviations of the stock Avatica client (which one of the workers
 * uses; Sediment's driver corrects both, see {@code FixedBugsTest}) are counted, not failed:
 * {@code PreparedStatement.executeQuery()} on a statement without rows runs it and returns
 * {@code null} instead of throwing, and {@code ResultSet.next()} throws an unchecked
 * {@code AvaticaClientRuntimeException} when the server fails to compute a later frame.
 * Statements and result sets are always closed, so whatever stays open on the server afterwards
 * is the server's doing. Stateless.
 */
final class FuzzRunner {
    /** Rows read from one result at most; the rest is abandoned by closing the result set. */
    static final int MAX_ROWS = 2_000;

    private FuzzRunner() {}

    /**
     * Runs {@code f}, records the outcome in {@code tally}, and returns {@code null} if the server
     * answered acceptably, or a description of the violation.
     */
    static String run(Connection c, FuzzCase f, OutcomeTally tally) {
        try {
            if (f.executions() == null) {
                try (Statement s = c.createStatement()) {
                    consume(s, s.execute(f.sql()), tally);
                }
            } else {
                runPrepared(c, f, tally);
            }
            tally.ok(f.kind());
            return f.mustFail() ? "succeeded but must be refused: " + f.shortSql() : null;
        } catch (SQLException e) {
            tally.error(f.kind(), f.sql(), e);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException) {
                    return "no answer before the client's response timeout: " + f.shortSql();
                }
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                return "SQLException without a message for: " + f.shortSql();
            }
            return null;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (Error) e;
            }
            return "threw " + e + " (not an SQLException) for: " + f.shortSql() + describe(f);
        }
    }

    private static String describe(FuzzCase f) {
        if (f.executions() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" method ").append(f.method()).append(" executions");
        for (List<Param> params : f.executions()) {
            sb.append(" [");
            for (Param p : params) {
                Object v = p.value();
                String text = v == null ? "NULL(" + p.nullType() + ")" : v.getClass().getSimpleName() + " "
                    + FuzzCase.shorten(v instanceof byte[] b ? b.length + " bytes" : v.toString());
                sb.append(p.index()).append('=').append(text).append("; ");
            }
            sb.append(']');
        }
        return sb.toString();
    }

    private static void runPrepared(Connection c, FuzzCase f, OutcomeTally tally) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(f.sql())) {
            for (List<Param> params : f.executions()) {
                ps.clearParameters();
                for (Param p : params) {
                    if (p.value() == null) {
                        ps.setNull(p.index(), p.nullType());
                    } else {
                        ps.setObject(p.index(), p.value());
                    }
                }
                switch (f.method()) {
                    case 0 -> {
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs == null) {
                                tally.anomaly("executeQuery() returned null");
                            } else {
                                drain(rs, tally);
                            }
                        }
                    }
                    case 1 -> consume(ps, ps.execute(), tally);
                    case 2 -> ps.executeUpdate();
                    default -> {
                        ps.addBatch();
                        ps.executeBatch();
                    }
                }
            }
        }
    }

    private static void consume(Statement s, boolean isResult, OutcomeTally tally) throws SQLException {
        if (isResult) {
            try (ResultSet rs = s.getResultSet()) {
                if (rs == null) {
                    throw new IllegalStateException("execute() returned true but getResultSet() is null");
                }
                drain(rs, tally);
            }
        } else {
            s.getUpdateCount();
        }
    }

    private static void drain(ResultSet rs, OutcomeTally tally) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        try {
            for (int n = 0; n < MAX_ROWS && rs.next(); n++) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
            }
        } catch (RuntimeException e) {
            if (!e.getClass().getSimpleName().equals("AvaticaClientRuntimeException")) {
                throw e;
            }
            tally.anomaly("ResultSet.next() threw AvaticaClientRuntimeException");
        }
    }
}
