package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.schema.Session;

/**
 * What a {@link SedimentTableModify} does, handed from the plan to {@link ModifyRuntime}: the
 * operation, the table and, for UPDATE, the positions of the assigned columns (the input row is
 * the old row followed by their new values). Immutable.
 */
public record ModifySpec(Session session, TableDef table, Operation operation, int[] updateColumns) {

    /** The statement kinds. */
    public enum Operation { INSERT, UPSERT, UPDATE, DELETE }
}
