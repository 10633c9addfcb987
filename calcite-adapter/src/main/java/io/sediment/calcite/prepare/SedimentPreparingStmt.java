package io.sediment.calcite.prepare;

import io.sediment.calcite.rel.SedimentTableScan;
import io.sediment.calcite.rel.StatementScope;
import io.sediment.calcite.rel.StatementStoppedException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import io.sediment.calcite.rules.SedimentRules;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.Typed;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Arrays;
import java.util.List;

/**
 * Prepares one statement: uses {@link SedimentSqlToRelConverter} and wraps the compiled plan so
 * each execution runs inside a fresh {@link StatementScope}, closed when its result is closed.
 */
final class SedimentPreparingStmt extends CalcitePrepareImpl.CalcitePreparingStmt {
    private final RelOptCluster relCluster;

    SedimentPreparingStmt(CalcitePrepareImpl prepare, CalcitePrepare.Context context, Prepare.CatalogReader catalogReader,
                          RelDataTypeFactory typeFactory, CalciteSchema schema, EnumerableRel.Prefer prefer,
                          RelOptCluster cluster, Convention resultConvention, SqlRexConvertletTable convertletTable) {
        super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster, resultConvention,
                convertletTable);
        this.relCluster = cluster;
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator, Prepare.CatalogReader catalogReader,
                                                     SqlToRelConverter.Config config) {
        return new SedimentSqlToRelConverter(this, validator, catalogReader, relCluster, convertletTable, config);
    }

    /**
     * Calcite's validator fails with an IndexOutOfBoundsException while it builds the message for
     * an UPDATE whose SET assigns a value of a type the column cannot take (it looks the expression
     * up at the column's position in the table, not in the SET list); this says what it meant to.
     */
    @Override
    public PreparedResult prepareSql(SqlNode sqlQuery, SqlNode sqlNodeOriginal, Class<?> runtimeContextClass,
                                     SqlValidator validator, boolean needsValidation) {
        try {
            return super.prepareSql(sqlQuery, sqlNodeOriginal, runtimeContextClass, validator, needsValidation);
        } catch (IndexOutOfBoundsException e) {
            String mismatch = sqlQuery instanceof SqlUpdate update
                    ? UpdateAssignments.describeMismatch(update, validator) : null;
            if (mismatch != null) {
                // Without e as the cause: its text is the validator's bug, not the user's.
                throw new IllegalArgumentException(mismatch);
            }
            throw e;
        }
    }

    /**
     * Runs the adapter's pushdown rules in a heuristic pass first (where Filter, Project and Sort
     * over a scan compose bottom-up), then Calcite's standard program; the cost-based planner
     * still has the rules for shapes that appear later (e.g. after field trimming).
     */
    @Override
    protected Program getProgram() {
        HepProgramBuilder b = HepProgram.builder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
        b.addRuleCollection(List.of(SedimentRules.FILTER, SedimentRules.PROJECT, SedimentRules.SORT));
        return Programs.sequence(Programs.of(b.build(), true, DefaultRelMetadataProvider.INSTANCE),
                super.getProgram());
    }

    @Override
    protected PreparedResult implement(RelRoot root) {
        PreparedResult inner = super.implement(root);
        int scans = countScans(root.rel);
        return new ScopedResult() {
            @Override
            public java.lang.reflect.Type getElementType() {
                return inner instanceof Typed t ? t.getElementType() : Object.class;
            }

            @Override
            public String getCode() {
                return inner.getCode();
            }

            @Override
            public boolean isDml() {
                return inner.isDml();
            }

            @Override
            public TableModify.Operation getTableModOp() {
                return inner.getTableModOp();
            }

            @Override
            public List<? extends List<String>> getFieldOrigins() {
                return inner.getFieldOrigins();
            }

            @Override
            public RelDataType getParameterRowType() {
                return inner.getParameterRowType();
            }

            @Override
            public Bindable getBindable(Meta.CursorFactory cursorFactory) {
                return scoped(inner.getBindable(cursorFactory), scans, ParameterValues.of(inner.getParameterRowType()));
            }
        };
    }

    /** A prepared result that is also typed (Calcite reads the element type to pick the cursor). */
    private interface ScopedResult extends PreparedResult, Typed {
    }

    private static int countScans(RelNode rel) {
        int n = rel instanceof SedimentTableScan ? 1 : 0;
        for (RelNode input : rel.getInputs()) {
            n += countScans(input);
        }
        return n;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Bindable scoped(Bindable inner, int scans, ParameterValues parameters) {
        return root -> new AbstractEnumerable<Object>() {
            @Override
            public Enumerator<Object> enumerator() {
                StatementScope scope = new StatementScope(scans);
                try {
                    Enumerable<Object> e = inner.bind(new ScopedContext(root, scope, parameters));
                    return new ScopedEnumerator(e.enumerator(), scope);
                } catch (StatementStoppedException ex) {
                    // A plan that computes eagerly (an aggregate) runs out of time here: the
                    // timeout must still reach JDBC as an SQLTimeoutException.
                    scope.close();
                    throw sneakyThrow(asSqlException(ex));
                } catch (RuntimeException ex) {
                    scope.close();
                    throw ex;
                } catch (ExceptionInInitializerError ex) {
                    scope.close();
                    throw badConstant(ex);
                }
            }
        };
    }

    /**
     * Calcite evaluates constant expressions (such as {@code CAST('one' AS BIGINT)}) in the static
     * initializer of the generated class; a failure there surfaces as an Error, turned here into
     * an exception that reaches the user as an SQLException.
     */
    private static IllegalArgumentException badConstant(ExceptionInInitializerError ex) {
        Throwable cause = ex.getCause() == null ? ex : ex.getCause();
        return new IllegalArgumentException(badValue(cause), cause);
    }

    private static String badValue(Throwable cause) {
        String what = cause instanceof NumberFormatException ? "not a number: " + cause.getMessage()
                : String.valueOf(cause.getMessage());
        return "bad value in statement (" + what + ")";
    }

    /**
     * A failure while rows are computed, as the {@link SQLException} JDBC promises from
     * {@code ResultSet.next()}: a bad CAST is SQLSTATE 22018, a division by zero 22012, another
     * arithmetic failure (overflow) 22003, a query timeout an {@link SQLTimeoutException} (HYT00),
     * a cancel HY008.
     */
    private static SQLException asSqlException(RuntimeException ex) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (ex instanceof NumberFormatException) {
            return new SQLException(badValue(ex), "22018", ex);
        }
        if (ex instanceof ArithmeticException) {
            return new SQLException(message, message.contains("by zero") ? "22012" : "22003", ex);
        }
        if (ex instanceof StatementStoppedException stopped) {
            return stopped.timedOut() ? new SQLTimeoutException(message, "HYT00", ex)
                    : new SQLException(message, "HY008", ex);
        }
        return new SQLException(message, ex);
    }

    /**
     * Throws a checked exception through {@link Enumerator#moveNext()}, which cannot declare it;
     * the JDBC methods that call it ({@code ResultSet.next()}) do declare SQLException.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    /** Closes the statement's scope with its result, or as soon as computing a row fails. */
    private static final class ScopedEnumerator implements Enumerator<Object> {
        private final Enumerator<Object> inner;
        private final StatementScope scope;
        private boolean closed;

        ScopedEnumerator(Enumerator<Object> inner, StatementScope scope) {
            this.inner = inner;
            this.scope = scope;
        }

        @Override
        public Object current() {
            try {
                return inner.current(); // projections are computed here, so it fails like moveNext
            } catch (RuntimeException ex) {
                closeAfterFailure(ex);
                throw sneakyThrow(asSqlException(ex));
            }
        }

        /**
         * A failure while rows are computed (a bad cast in a filter above the scan, say) ends the
         * statement: its iterators and snapshot are released at once, since the failure may come
         * before any result set exists that a client could close.
         */
        @Override
        public boolean moveNext() {
            try {
                return inner.moveNext();
            } catch (ExceptionInInitializerError ex) {
                closeAfterFailure(ex);
                IllegalArgumentException bad = badConstant(ex);
                throw sneakyThrow(new SQLException(bad.getMessage(), "22018", bad.getCause()));
            } catch (RuntimeException ex) {
                closeAfterFailure(ex);
                throw sneakyThrow(asSqlException(ex));
            } catch (Error ex) {
                closeAfterFailure(ex);
                throw ex;
            }
        }

        private void closeAfterFailure(Throwable failure) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }

        @Override
        public void reset() {
            inner.reset();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                inner.close();
            } finally {
                scope.close();
            }
        }
    }

    /**
     * The execution's DataContext plus the statement scope under {@link StatementScope#KEY}, with
     * parameter values brought to their declared types ({@link ParameterValues}) — once per
     * execution, since generated code may read a parameter for every row.
     */
    private static final class ScopedContext implements DataContext {
        private static final Object NOT_YET = new Object();

        private final DataContext inner;
        private final StatementScope scope;
        private final ParameterValues parameters;
        private final Object[] converted;

        ScopedContext(DataContext inner, StatementScope scope, ParameterValues parameters) {
            this.inner = inner;
            this.scope = scope;
            this.parameters = parameters;
            this.converted = new Object[parameters.count()];
            Arrays.fill(converted, NOT_YET);
        }

        @Override
        public SchemaPlus getRootSchema() {
            return inner.getRootSchema();
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return inner.getTypeFactory();
        }

        @Override
        public QueryProvider getQueryProvider() {
            return inner.getQueryProvider();
        }

        @Override
        public Object get(String name) {
            if (StatementScope.KEY.equals(name)) {
                return scope;
            }
            int index = ParameterValues.index(name);
            if (index < 0 || index >= converted.length) {
                return inner.get(name);
            }
            Object value = converted[index];
            if (value == NOT_YET) { // execution runs on one thread at a time: a plain cache will do
                value = parameters.convert(index, inner.get(name));
                converted[index] = value;
            }
            return value;
        }
    }
}
