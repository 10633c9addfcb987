package io.sediment.calcite.ddl;

import io.sediment.calcite.catalog.ColumnDef;

import java.util.List;

/** A parsed DDL statement. Names are as resolved by the SQL identifier rules (unquoted: upper case). */
public sealed interface DdlCommand {

    /** CREATE TABLE; {@code schema} is null when the name was unqualified. */
    record CreateTable(String schema, String name, boolean ifNotExists, List<ColumnDef> columns,
                       List<String> primaryKey) implements DdlCommand {
    }

    record DropTable(String schema, String name, boolean ifExists) implements DdlCommand {
    }

    record CreateSchema(String name, boolean ifNotExists) implements DdlCommand {
    }

    record DropSchema(String name, boolean ifExists) implements DdlCommand {
    }
}
