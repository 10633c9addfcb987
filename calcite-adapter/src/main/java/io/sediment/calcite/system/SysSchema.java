package io.sediment.calcite.system;

import io.sediment.calcite.procedures.Procedures;
import io.sediment.calcite.schema.Session;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import com.google.common.collect.Multimap;

import java.util.Map;

/**
 * Schema {@code SYS}: the system tables ({@link SysTables}) and the procedures
 * ({@link Procedures}: FLUSH, COMPACT, CHECKPOINT, SET_COMPACTION). Read-only.
 */
public final class SysSchema extends AbstractSchema {
    private final Session session;

    public SysSchema(Session session) {
        this.session = session;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return SysTables.all(session);
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return Procedures.functions();
    }
}
