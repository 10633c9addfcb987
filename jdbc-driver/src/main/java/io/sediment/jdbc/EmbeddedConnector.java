package io.sediment.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens an embedded connection to the database in a directory through the SQL layer
 * (module sediment-calcite). Stateless.
 */
public final class EmbeddedConnector {
    private EmbeddedConnector() {}

    /** Opens (creating if needed) the database in {@code dir}. */
    public static Connection connect(Path dir, Properties info) throws SQLException {
        throw new SQLException("the embedded SQL layer is not available yet: " + dir);
    }
}
