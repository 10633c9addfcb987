package io.sediment.engine.error;

/**
 * Stored bytes failed a check: a checksum mismatch, a bad magic number, an impossible length.
 * The message names the file (and where known the offset). Data that fails a check is never
 * returned to a caller.
 */
public class CorruptionException extends SedimentException {
    public CorruptionException(String message) {
        super(message);
    }

    public CorruptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
