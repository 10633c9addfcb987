package io.sediment.engine;

import io.sediment.engine.util.SeekingIterator;

/**
 * Iterates the live keys of a range {@code [start, end)} in ascending unsigned byte order, as of
 * one sequence number (a snapshot, or the moment the iterator was created). A new iterator is
 * positioned at the first key of its range. Deleted and overwritten entries are hidden.
 *
 * <p>Returned key and value arrays must not be modified. The iterator keeps the files it reads
 * alive until {@link #close()}, so close it (try-with-resources). Not thread-safe.
 */
public final class DbIterator implements AutoCloseable {
    private final SeekingIterator inner;
    private final Runnable onClose;
    private boolean closed;

    DbIterator(SeekingIterator inner, Runnable onClose) {
        this.inner = inner;
        this.onClose = onClose;
    }

    /** True while positioned on an entry. */
    public boolean valid() {
        checkOpen();
        return inner.valid();
    }

    public byte[] key() {
        checkPositioned();
        return inner.key();
    }

    public byte[] value() {
        checkPositioned();
        return inner.value();
    }

    public void next() {
        checkPositioned();
        inner.next();
    }

    /** Moves to the first key {@code >= target} (and {@code >= start} of the range). */
    public void seek(byte[] target) {
        checkOpen();
        if (target == null) {
            throw new IllegalArgumentException("seek target must not be null");
        }
        inner.seek(target);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("iterator is closed");
        }
    }

    private void checkPositioned() {
        checkOpen();
        if (!inner.valid()) {
            throw new IllegalStateException("iterator is not positioned on an entry (valid() is false)");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                inner.close();
            } finally {
                onClose.run();
            }
        }
    }

    @Override
    public String toString() {
        return "DbIterator{" + inner + "}";
    }
}
