package io.sediment.engine.error;

/**
 * Base of every error the engine reports. Unchecked, so that the key-value API stays as light
 * as a {@code Map}; each subclass names one kind of failure and its message says what and where.
 */
public class SedimentException extends RuntimeException {
    public SedimentException(String message) {
        super(message);
    }

    public SedimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
