package io.sediment.calcite.rel;

/**
 * One engine key range to read, {@code [start, end)}; {@code pointKey} is set when the range
 * holds exactly one full key, which is then read with a point {@code get}. Immutable.
 */
public record KeyRange(byte[] start, byte[] end, byte[] pointKey) {

    public static KeyRange point(byte[] key) {
        byte[] end = java.util.Arrays.copyOf(key, key.length + 1);
        return new KeyRange(key, end, key);
    }

    public boolean isPoint() {
        return pointKey != null;
    }
}
