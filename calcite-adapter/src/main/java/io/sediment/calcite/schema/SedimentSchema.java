package io.sediment.calcite.schema;

import io.sediment.calcite.catalog.TableDef;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.LinkedHashMap;
import java.util.Map;

/** A user schema: its tables come from the catalog on each lookup, so DDL shows at once. */
public final class SedimentSchema extends AbstractSchema {
    private final Session session;
    private final String name;

    public SedimentSchema(Session session, String name) {
        this.session = session;
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> m = new LinkedHashMap<>();
        if (session.isClosed()) {
            return m;
        }
        for (TableDef t : session.database().catalog().tables(name)) {
            m.put(t.name(), new SedimentTable(session, t));
        }
        return m;
    }
}
