package io.sediment.calcite.ddl;

import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The parser factory of Sediment connections: Calcite's SQL parser for queries and DML, the
 * {@link DdlParser} for DDL, and {@link SedimentDdlExecutor} to run DDL.
 */
public final class SedimentParserFactory implements SqlParserImplFactory {
    /** The instance Calcite's {@code parserFactory} connection property names. */
    public static final SedimentParserFactory FACTORY = new SedimentParserFactory();

    private SedimentParserFactory() {
    }

    @Override
    public SqlAbstractParserImpl getParser(Reader stream) {
        StringWriter w = new StringWriter();
        try {
            stream.transferTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SedimentSqlParserImpl(w.toString());
    }

    @Override
    public DdlExecutor getDdlExecutor() {
        return SedimentDdlExecutor.INSTANCE;
    }
}
