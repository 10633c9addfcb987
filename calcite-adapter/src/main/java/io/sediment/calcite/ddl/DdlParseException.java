package io.sediment.calcite.ddl;

/** A DDL statement that is malformed or not supported; the message says which and why. */
public final class DdlParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;

    public DdlParseException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Character offset in the statement text. */
    public int position() {
        return position;
    }
}
