package io.sediment.calcite.jdbc;

import io.sediment.calcite.ddl.SedimentParserFactory;
import io.sediment.calcite.prepare.SedimentPrepare;
import io.sediment.calcite.schema.SedimentRootSchema;
import io.sediment.calcite.schema.Session;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Makes Calcite connections over a Sediment {@link Session}: Sediment's statement preparation
 * ({@link SedimentPrepare}) and parser ({@link SedimentParserFactory}), a root schema holding the
 * catalog's schemas and {@code SYS}, default schema {@code PUBLIC}, and a handler that releases
 * the session when the connection closes. Never registered with {@code DriverManager}: only
 * {@link SedimentConnections} uses it, and only with connection properties it sets itself (no
 * property from a client reaches Calcite, so none can load classes or models).
 */
final class CalciteEmbedding extends Driver {
    static final CalciteEmbedding INSTANCE = new CalciteEmbedding();

    private CalciteEmbedding() {
        super(SedimentPrepare::new);
    }

    @Override
    protected String getConnectStringPrefix() {
        return "jdbc:sediment-calcite-internal:";
    }

    Connection open(Session session, String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("parserFactory", SedimentParserFactory.class.getName() + "#FACTORY");
        p.setProperty("schema", "PUBLIC");
        p.setProperty("lex", "ORACLE");
        CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", new SedimentRootSchema(session));
        AvaticaConnection c = ((CalciteFactory) factory).newConnection(this, factory, url, p, root, null);
        try {
            handler.onConnectionInit(c);
            c.setSchema("PUBLIC");
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    protected Handler createHandler() {
        Handler base = super.createHandler();
        // Statements that ran and are not closed yet, so that closing their connection releases the
        // snapshots and iterators their open results hold (Avatica does not close them itself).
        java.util.Set<AvaticaStatement> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new Handler() {
            @Override
            public void onConnectionInit(AvaticaConnection connection) throws SQLException {
                base.onConnectionInit(connection);
            }

            @Override
            public void onConnectionClose(AvaticaConnection connection) {
                for (AvaticaStatement st : open) {
                    if (st.connection == connection) {
                        open.remove(st);
                        closeQuietly(st);
                    }
                }
                try {
                    base.onConnectionClose(connection);
                } finally {
                    try {
                        SedimentRootSchema root = ((CalciteConnection) connection).getRootSchema()
                                .unwrap(SedimentRootSchema.class);
                        if (root != null) {
                            root.session().close();
                        }
                    } catch (RuntimeException ignored) {
                        // the connection is closing anyway
                    }
                }
            }

            @Override
            public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
                open.add(statement);
                base.onStatementExecute(statement, resultSink);
            }

            @Override
            public void onStatementClose(AvaticaStatement statement) {
                open.remove(statement);
                base.onStatementClose(statement);
            }
        };
    }

    private static void closeQuietly(AvaticaStatement st) {
        try {
            java.sql.ResultSet rs = st.getResultSet();
            if (rs != null) {
                rs.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // best effort: the connection is closing
        }
        try {
            st.close();
        } catch (SQLException | RuntimeException ignored) {
            // best effort: the connection is closing
        }
    }
}
