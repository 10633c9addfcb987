package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.Catalog;
import io.sediment.calcite.catalog.ColumnDef;
import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.encoding.Values;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.encoding.RowCodec;
import io.sediment.calcite.encoding.TableKeys;
import io.sediment.engine.Db;
import io.sediment.engine.WriteBatch;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes INSERT, UPSERT, UPDATE and DELETE on one table as one atomic engine write batch.
 *
 * <p>The input rows are read first (from the statement's snapshot); then, under the catalog's
 * write lock, the rows are checked (NOT NULL columns, duplicate keys for INSERT and for UPDATEs
 * that move a row to another key — against the latest data and within the statement), the batch
 * is built with the table's new row count and written with the connection's write options. Any
 * failure throws before anything is written, so a statement is applied whole or not at all.
 */
public final class ModifyRuntime {
    private ModifyRuntime() {
    }

    /** Entry point for generated code: the row count as a one-row scalar enumerable. */
    public static Enumerable<Object> scalar(DataContext root, ModifySpec spec, Enumerable<Object[]> input) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object> enumerator() {
                long count;
                try {
                    count = apply(spec, input);
                } finally {
                    // JDBC drivers read the count of a DML statement without closing its result,
                    // so the statement's snapshot is released here, once the input has been read.
                    if (root.get(StatementScope.KEY) instanceof StatementScope scope) {
                        scope.close();
                    }
                }
                return Linq4j.singletonEnumerable((Object) count).enumerator();
            }
        };
    }

    static long apply(ModifySpec spec, Enumerable<Object[]> input) {
        TableDef t = spec.table();
        List<Object[]> rows = new ArrayList<>();
        try (Enumerator<Object[]> e = input.enumerator()) {
            while (e.moveNext()) {
                rows.add(e.current().clone());
            }
        }
        Catalog catalog = spec.session().database().catalog();
        Db db = spec.session().database().db();
        catalog.writeLock().lock();
        try {
            if (catalog.tableById(t.id()).isEmpty()) {
                throw new IllegalStateException("table " + t.qualifiedName() + " was dropped");
            }
            int n = t.columns().size();
            Map<ByteBuffer, Object[]> puts = new LinkedHashMap<>();
            Set<ByteBuffer> deletes = new HashSet<>();
            long delta = 0;
            Set<ByteBuffer> oldKeys = new HashSet<>();
            if (spec.operation() == ModifySpec.Operation.UPDATE) {
                for (Object[] in : rows) {
                    oldKeys.add(ByteBuffer.wrap(TableKeys.keyOfRow(t, in)));
                }
            }
            for (Object[] in : rows) {
                switch (spec.operation()) {
                    case INSERT, UPSERT -> {
                        Object[] row = java.util.Arrays.copyOf(in, n);
                        checkNulls(t, row);
                        byte[] key = TableKeys.keyOfRow(t, row);
                        ByteBuffer k = ByteBuffer.wrap(key);
                        boolean exists = puts.containsKey(k) || db.get(key) != null;
                        if (exists && spec.operation() == ModifySpec.Operation.INSERT) {
                            throw duplicate(t, key);
                        }
                        if (!exists) {
                            delta++;
                        }
                        puts.put(k, row);
                    }
                    case DELETE -> {
                        byte[] key = TableKeys.keyOfRow(t, in);
                        if (deletes.add(ByteBuffer.wrap(key)) && db.get(key) != null) {
                            delta--;
                        }
                    }
                    case UPDATE -> {
                        Object[] row = java.util.Arrays.copyOf(in, n);
                        int[] cols = spec.updateColumns();
                        for (int j = 0; j < cols.length; j++) {
                            row[cols[j]] = in[n + j];
                        }
                        checkNulls(t, row);
                        ByteBuffer oldKey = ByteBuffer.wrap(TableKeys.keyOfRow(t, in));
                        ByteBuffer newKey = ByteBuffer.wrap(TableKeys.keyOfRow(t, row));
                        if (!oldKey.equals(newKey)) {
                            deletes.add(oldKey);
                        }
                        if (puts.put(newKey, row) != null) {
                            throw duplicate(t, newKey.array());
                        }
                    }
                    default -> throw new AssertionError(spec.operation());
                }
            }
            WriteBatch batch = new WriteBatch();
            for (ByteBuffer k : deletes) {
                batch.delete(k.array());
            }
            for (Map.Entry<ByteBuffer, Object[]> e : puts.entrySet()) {
                byte[] key = e.getKey().array();
                if (spec.operation() == ModifySpec.Operation.UPDATE && !deletes.contains(e.getKey())
                        && !oldKeys.contains(e.getKey()) && db.get(key) != null) {
                    throw duplicate(t, key);
                }
                batch.put(key, RowCodec.encode(t, e.getValue()));
            }
            if (spec.operation() == ModifySpec.Operation.UPDATE) {
                for (ByteBuffer k : deletes) {
                    if (!puts.containsKey(k)) {
                        delta--;
                    }
                }
                for (ByteBuffer k : puts.keySet()) {
                    if (!deletes.contains(k) && !oldKeys.contains(k)) {
                        delta++;
                    }
                }
            }
            if (batch.isEmpty()) {
                return rows.size();
            }
            long count = catalog.stageRowCount(batch, t.id(), delta);
            db.write(batch, spec.session().writeOptions());
            catalog.applyRowCount(t.id(), count);
            return rows.size();
        } finally {
            catalog.writeLock().unlock();
        }
    }

    private static void checkNulls(TableDef t, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            ColumnDef c = t.columns().get(i);
            if (row[i] == null && (!c.nullable() || t.isKey(i))) {
                throw new IllegalArgumentException("column " + c.name() + " of table " + t.qualifiedName()
                        + (t.isKey(i) ? " is part of the primary key and" : "") + " cannot be NULL");
            }
            if (row[i] != null) {
                Object v = row[i];
                if (v instanceof java.math.BigDecimal d && c.type().kind() == ColumnType.Kind.DECIMAL) {
                    v = d.setScale(Math.max(0, c.type().scale()), java.math.RoundingMode.HALF_UP);
                }
                try {
                    row[i] = Values.coerce(v, c.type());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad value for column " + c.name() + " of table "
                            + t.qualifiedName() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static IllegalArgumentException duplicate(TableDef t, byte[] key) {
        return new IllegalArgumentException("duplicate primary key " + TableKeys.describe(t, key) + " in table "
                + t.qualifiedName() + ": a row with this key already exists; nothing was written");
    }
}
