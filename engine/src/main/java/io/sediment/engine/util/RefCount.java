package io.sediment.engine.util;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference count that starts at one (the creator's reference) and runs a release action exactly
 * once, when it drops to zero. Once at zero it cannot be revived: {@link #tryAcquire()} fails, so a
 * reader that raced with the last release retries with a fresh object. Thread-safe, lock-free.
 */
public final class RefCount {
    private final AtomicInteger refs = new AtomicInteger(1);
    private final Runnable onZero;

    public RefCount(Runnable onZero) {
        this.onZero = onZero;
    }

    /** Takes a reference unless the count already reached zero. */
    public boolean tryAcquire() {
        while (true) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one runs the release action. */
    public void release() {
        if (refs.decrementAndGet() == 0) {
            onZero.run();
        }
    }
}
