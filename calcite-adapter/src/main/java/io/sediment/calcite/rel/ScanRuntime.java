package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.encoding.ByteReader;
import io.sediment.calcite.encoding.KeyCodec;
import io.sediment.calcite.encoding.RowCodec;
import io.sediment.calcite.encoding.TableKeys;
import io.sediment.calcite.encoding.Values;
import io.sediment.engine.Db;
import io.sediment.engine.DbIterator;
import io.sediment.engine.Snapshot;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.util.List;

/**
 * Executes a {@link SedimentTableScan}: called by the generated code with the statement's
 * DataContext and the plan's {@link ScanSpec}. Rows come in key order, as {@code Object[]} of
 * the projected columns; only those columns are decoded. Point ranges use {@code get}, others
 * an engine iterator; OFFSET and FETCH stop the scan early.
 *
 * <p>Reads the statement's snapshot ({@link StatementScope}), or its own when run outside one;
 * the iterator (and an own snapshot) are released when the enumerator is closed, or when reading
 * fails — including when the statement is cancelled or times out ({@link StatementDeadline}).
 */
public final class ScanRuntime {
    private ScanRuntime() {
    }

    /** Entry point for generated code. */
    public static Enumerable<Object[]> scan(DataContext root, ScanSpec spec) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new ScanEnumerator(root, spec);
            }
        };
    }

    /** Entry point for generated code when the scan returns one column: its values, unwrapped. */
    public static Enumerable<Object> scanScalar(DataContext root, ScanSpec spec) {
        return scan(root, spec).select(row -> row[0]);
    }

    /** Decodes projected columns of a row. */
    static final class Decoder {
        final TableDef table;
        final int[] keyTargets;
        final int lastKey;
        final ColumnType[] valueTypes;
        final int[] valueTargets;
        final int lastValue;
        final int width;

        Decoder(TableDef table, int[] projection) {
            this.table = table;
            this.width = projection.length;
            int[] pk = table.primaryKey();
            int[] vcols = table.valueColumns();
            keyTargets = new int[pk.length];
            valueTargets = new int[vcols.length];
            valueTypes = new ColumnType[vcols.length];
            java.util.Arrays.fill(keyTargets, -1);
            java.util.Arrays.fill(valueTargets, -1);
            for (int i = 0; i < vcols.length; i++) {
                valueTypes[i] = table.columns().get(vcols[i]).type();
            }
            int lk = -1;
            int lv = -1;
            for (int out = 0; out < projection.length; out++) {
                int col = projection[out];
                for (int k = 0; k < pk.length; k++) {
                    if (pk[k] == col) {
                        keyTargets[k] = out;
                        lk = Math.max(lk, k);
                    }
                }
                int v = table.valueIndex(col);
                if (v >= 0) {
                    valueTargets[v] = out;
                    lv = Math.max(lv, v);
                }
            }
            lastKey = lk;
            lastValue = lv;
        }

        Object[] decode(byte[] key, byte[] value) {
            Object[] row = new Object[width];
            if (lastKey >= 0) {
                ByteReader in = new ByteReader(key, 4);
                int[] pk = table.primaryKey();
                for (int k = 0; k <= lastKey; k++) {
                    Object v = KeyCodec.decode(in, table.columns().get(pk[k]).type());
                    if (keyTargets[k] >= 0) {
                        row[keyTargets[k]] = v;
                    }
                }
            }
            if (lastValue >= 0) {
                RowCodec.decode(value, valueTypes, valueTargets, lastValue, row);
            }
            return row;
        }
    }

    private static final class ScanEnumerator implements Enumerator<Object[]> {
        /** Rows (or point gets) read between two checks of cancel and timeout. */
        private static final int CHECK_EVERY_ROWS = 256;

        private final DataContext root;
        private final ScanSpec spec;
        private final Decoder decoder;
        private Db db;
        private Snapshot snapshot;
        private boolean ownSnapshot;
        private List<KeyRange> ranges;
        private int rangeIndex;
        private DbIterator iterator;
        private long toSkip;
        private long remaining;
        private Object[] current;
        private boolean started;
        private StatementDeadline deadline;
        private StatementScope scope;
        private int rowsSinceCheck;

        ScanEnumerator(DataContext root, ScanSpec spec) {
            this.root = root;
            this.spec = spec;
            this.decoder = new Decoder(spec.table(), spec.projection());
        }

        private void start() {
            started = true;
            Object scope = root.get(StatementScope.KEY);
            int sessionTimeout = spec.session().statementTimeoutSeconds();
            deadline = scope instanceof StatementScope s ? s.deadline(root, sessionTimeout)
                    : StatementDeadline.of(root, sessionTimeout);
            deadline.check();
            db = spec.session().database().db();
            if (spec.session().database().catalog().tableById(spec.table().id()).isEmpty()) {
                throw new IllegalStateException("table " + spec.table().qualifiedName()
                        + " was dropped after this statement was prepared");
            }
            toSkip = spec.offset() == null ? 0 : number(spec.offset().resolve(root), "OFFSET");
            remaining = spec.fetch() == null ? Long.MAX_VALUE : number(spec.fetch().resolve(root), "FETCH");
            ranges = spec.ranges() == null ? List.of(fullTable(spec.table()))
                    : KeyRanges.compute(spec.ranges(), spec.table(), root);
            if (scope instanceof StatementScope s) {
                this.scope = s;
                s.opened(this);
                snapshot = s.needsSnapshot(ranges.size()) ? s.snapshot(db) : null;
            } else {
                snapshot = db.snapshot();
                ownSnapshot = true;
            }
        }

        private static long number(Object v, String what) {
            if (!(v instanceof Number n) || n.longValue() < 0) {
                throw new IllegalArgumentException(what + " must be a non-negative integer, got " + v);
            }
            return n.longValue();
        }

        private static KeyRange fullTable(TableDef t) {
            byte[] p = TableKeys.tablePrefix(t.id());
            return new KeyRange(p, KeyCodec.prefixEnd(p), null);
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            try {
                return advance();
            } catch (RuntimeException e) {
                close(); // a failed statement must not keep its iterator and snapshot pinned
                throw e;
            }
        }

        private boolean advance() {
            if (!started) {
                start();
            }
            while (remaining > 0) {
                Object[] row = nextRow();
                if (row == null) {
                    current = null;
                    close(); // exhausted: release the iterator now, whether or not anyone closes us
                    return false;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                remaining--;
                current = row;
                return true;
            }
            current = null;
            close(); // OFFSET/FETCH reached
            return false;
        }

        private Object[] nextRow() {
            while (true) {
                if (++rowsSinceCheck >= CHECK_EVERY_ROWS) {
                    rowsSinceCheck = 0;
                    deadline.check();
                }
                if (iterator != null) {
                    if (iterator.valid()) {
                        Object[] row = decoder.decode(iterator.key(), iterator.value());
                        iterator.next();
                        return row;
                    }
                    iterator.close();
                    iterator = null;
                }
                if (rangeIndex >= ranges.size()) {
                    return null;
                }
                KeyRange r = ranges.get(rangeIndex++);
                if (r.isPoint()) {
                    byte[] value = db.get(r.pointKey(), snapshot);
                    if (value != null) {
                        return decoder.decode(r.pointKey(), value);
                    }
                } else {
                    iterator = db.range(r.start(), r.end(), snapshot);
                }
            }
        }

        @Override
        public void reset() {
            close();
            started = false;
            rangeIndex = 0;
        }

        @Override
        public void close() {
            if (iterator != null) {
                iterator.close();
                iterator = null;
            }
            if (ownSnapshot && snapshot != null) {
                snapshot.close();
            }
            snapshot = null;
            if (scope != null) {
                scope.closed(this);
                scope = null;
            }
        }
    }

    /** Renders a value for messages. */
    static String show(Object v, ColumnType t) {
        return Values.format(v, t);
    }
}
