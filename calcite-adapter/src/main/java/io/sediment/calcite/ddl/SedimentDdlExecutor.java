package io.sediment.calcite.ddl;

import io.sediment.calcite.catalog.Catalog;
import io.sediment.calcite.catalog.ColumnDef;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.schema.SedimentRootSchema;
import io.sediment.calcite.schema.Session;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs DDL against the connection's catalog. Unqualified table names go to the connection's
 * default schema ({@code PUBLIC}); {@code SYS} is read-only. Refuses any DDL node it did not
 * parse itself (so nothing reaches Calcite's class-loading DDL). Errors are
 * {@link IllegalArgumentException}s with a message for the SQL user; the catalog is unchanged.
 */
public final class SedimentDdlExecutor implements DdlExecutor {
    public static final SedimentDdlExecutor INSTANCE = new SedimentDdlExecutor();

    private SedimentDdlExecutor() {
    }

    @Override
    public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
        if (!(node instanceof DdlStatement ddl)) {
            throw new UnsupportedOperationException("statement " + node.getKind() + " is not supported");
        }
        Session session = ((SedimentRootSchema) context.getRootSchema().schema).session();
        Catalog catalog = session.database().catalog();
        List<String> path = context.getDefaultSchemaPath();
        String defaultSchema = path == null || path.isEmpty() ? Catalog.PUBLIC : path.get(0);
        DdlCommand c = ddl.command();
        if (c instanceof DdlCommand.CreateTable t) {
            catalog.createTable(tableDef(t, t.schema() == null ? defaultSchema : t.schema()), t.ifNotExists());
        } else if (c instanceof DdlCommand.DropTable t) {
            String schema = t.schema() == null ? defaultSchema : t.schema();
            checkWritable(schema);
            catalog.dropTable(schema, t.name(), t.ifExists());
        } else if (c instanceof DdlCommand.CreateSchema s) {
            catalog.createSchema(s.name(), s.ifNotExists());
        } else if (c instanceof DdlCommand.DropSchema s) {
            catalog.dropSchema(s.name(), s.ifExists());
        }
    }

    private static void checkWritable(String schema) {
        if (schema.equals(Catalog.SYS)) {
            throw new IllegalArgumentException("schema SYS is read-only: it holds system tables and procedures");
        }
    }

    static TableDef tableDef(DdlCommand.CreateTable t, String schema) {
        checkWritable(schema);
        Set<String> names = new HashSet<>();
        for (ColumnDef c : t.columns()) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " is declared twice in table " + t.name());
            }
        }
        int[] pk = new int[t.primaryKey().size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pk.length; i++) {
            String k = t.primaryKey().get(i);
            if (!seen.add(k)) {
                throw new IllegalArgumentException("column " + k + " appears twice in the primary key of " + t.name());
            }
            pk[i] = indexOf(t.columns(), k);
            if (pk[i] < 0) {
                throw new IllegalArgumentException("primary-key column " + k + " is not a column of table " + t.name());
            }
        }
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnDef c = t.columns().get(i);
            boolean key = false;
            for (int k : pk) {
                key |= k == i;
            }
            cols.add(key ? new ColumnDef(c.name(), c.type(), false) : c);
        }
        return new TableDef(schema, t.name(), 0, cols, pk);
    }

    private static int indexOf(List<ColumnDef> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
