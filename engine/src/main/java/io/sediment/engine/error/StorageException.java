package io.sediment.engine.error;

/**
 * An I/O operation failed (disk full, I/O error, permission). When this happens on the write
 * path the database stops accepting writes and every later write fails with the same cause,
 * so that nothing is half-applied or acknowledged without being durable.
 */
public class StorageException extends SedimentException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
