package io.sediment.bench.engine;

/**
 * Amplification figures of one engine at one moment, with Sediment's definitions (see
 * {@code io.sediment.engine.Metrics}); {@code NaN} where the engine does not expose the number.
 * <ul>
 *   <li>{@code write}: bytes written to SSTables by flushes and compactions / user key+value bytes;</li>
 *   <li>{@code read}: SSTables probed past the bloom filter per point lookup;</li>
 *   <li>{@code space}: bytes of all live SSTables / bytes of the deepest non-empty level.</li>
 * </ul>
 */
public record Amplification(double write, double read, double space) {

    /** Nothing known. */
    public static final Amplification UNKNOWN = new Amplification(Double.NaN, Double.NaN, Double.NaN);
}
