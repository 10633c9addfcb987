package io.sediment.jdbc;

import io.sediment.calcite.jdbc.SedimentConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens embedded connections through the SQL layer (module sediment-calcite), whose
 * {@link SedimentConnections} fixes every Calcite property itself and shares one open engine per
 * directory among the JVM's connections. Stateless.
 */
public final class EmbeddedConnector {
    private EmbeddedConnector() {}

    /** Opens a {@code jdbc:sediment:<directory>[;key=value…]} URL. */
    static Connection connect(String url, Properties info) throws SQLException {
        return SedimentConnections.connect(url, info);
    }

    /** Opens (creating if needed) the database in {@code dir}. */
    public static Connection connect(Path dir, Properties info) throws SQLException {
        return SedimentConnections.connect(dir, info);
    }
}
