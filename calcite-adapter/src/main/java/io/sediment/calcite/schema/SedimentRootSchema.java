package io.sediment.calcite.schema;

import io.sediment.calcite.catalog.Catalog;
import io.sediment.calcite.system.SysSchema;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The root schema of a Sediment connection: one {@link SedimentSchema} per catalog schema
 * ({@code PUBLIC} and those made with CREATE SCHEMA), read from the catalog on every lookup so
 * DDL of other connections shows at once, plus {@code SYS} ({@link SysSchema}). Carries the
 * connection's {@link Session}, which generated code reaches through the DataContext's root schema.
 */
public final class SedimentRootSchema extends AbstractSchema {
    private final Session session;

    public SedimentRootSchema(Session session) {
        this.session = session;
    }

    public Session session() {
        return session;
    }

    /** Generated code reaches this schema as the DataContext's root schema. */
    @Override
    public Expression getExpression(SchemaPlus parentSchema, String name) {
        return Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
    }

    @Override
    protected Map<String, Schema> getSubSchemaMap() {
        Map<String, Schema> m = new LinkedHashMap<>();
        if (session.isClosed()) {
            return m;
        }
        for (String s : session.database().catalog().schemas()) {
            m.put(s, new SedimentSchema(session, s));
        }
        m.put(Catalog.SYS, new SysSchema(session));
        return m;
    }
}
