package io.sediment.calcite.prepare;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Names the SET assignments of an UPDATE whose value types their columns cannot take, for the
 * message Calcite's validator fails to build ({@link SedimentPreparingStmt#prepareSql}). Uses the
 * types the validator derived before it failed. Stateless.
 */
final class UpdateAssignments {
    private UpdateAssignments() {
    }

    /** The message naming each mismatched assignment, or null if none is found (then the failure was another). */
    static String describeMismatch(SqlUpdate update, SqlValidator validator) {
        RelDataType tableType = tableType(update, validator);
        List<String> wrong = new ArrayList<>();
        List<SqlNode> targets = update.getTargetColumnList().getList();
        List<SqlNode> sources = update.getSourceExpressionList().getList();
        for (int i = 0; i < targets.size() && i < sources.size(); i++) {
            String column = ((SqlIdentifier) targets.get(i)).getSimple();
            RelDataTypeField field = tableType == null ? null : tableType.getField(column, false, false);
            RelDataType source = sourceType(update, validator, tableType, i);
            if (field == null || source == null) {
                continue;
            }
            if (!SqlTypeUtil.canAssignFrom(field.getType(), source)) {
                wrong.add("column " + column + " of type " + field.getType().getFullTypeString().replace(" NOT NULL", "")
                        + " cannot be set to " + sources.get(i) + " of type "
                        + source.getFullTypeString().replace(" NOT NULL", ""));
            }
        }
        return wrong.isEmpty() ? null : "UPDATE: " + String.join("; ", wrong);
    }

    /**
     * The type of the {@code i}th SET expression: Calcite validates an UPDATE through a select of
     * the table's columns followed by the SET expressions, in order.
     */
    private static RelDataType sourceType(SqlUpdate update, SqlValidator validator, RelDataType tableType, int i) {
        RelDataType known = validator.getValidatedNodeTypeIfKnown(update.getSourceExpressionList().get(i));
        if (known != null || update.getSourceSelect() == null || tableType == null) {
            return known;
        }
        RelDataType select = validator.getValidatedNodeTypeIfKnown(update.getSourceSelect());
        int at = tableType.getFieldCount() + i;
        return select == null || at >= select.getFieldCount() ? null : select.getFieldList().get(at).getType();
    }

    private static RelDataType tableType(SqlUpdate update, SqlValidator validator) {
        if (!(update.getTargetTable() instanceof SqlIdentifier id)) {
            return null;
        }
        SqlValidatorTable table = validator.getCatalogReader().getTable(id.names);
        return table == null ? null : table.getRowType();
    }
}
