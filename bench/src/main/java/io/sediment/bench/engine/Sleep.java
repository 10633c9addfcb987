package io.sediment.bench.engine;

/** Sleeping without checked exceptions: an interrupt is re-asserted and the sleep ends early. */
final class Sleep {
    private Sleep() {
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
