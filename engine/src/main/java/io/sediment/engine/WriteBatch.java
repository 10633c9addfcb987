package io.sediment.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A group of puts and deletes applied atomically by {@link Db#write}: after a crash either all
 * of them are present or none. Operations apply in the order added (a later put of the same key
 * wins). Not thread-safe; the key and value arrays are copied when the batch is written, not
 * when added, so do not modify them in between.
 */
public final class WriteBatch {
    /** One operation: a put (value non-null) or a delete (value null). */
    public record Op(byte[] key, byte[] value) {
        public boolean isPut() {
            return value != null;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private long approximateBytes;

    public WriteBatch put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ops.add(new Op(key, value));
        approximateBytes += key.length + value.length + 24;
        return this;
    }

    public WriteBatch delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        ops.add(new Op(key, null));
        approximateBytes += key.length + 24;
        return this;
    }

    public List<Op> ops() {
        return ops;
    }

    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public long approximateBytes() {
        return approximateBytes;
    }

    public void clear() {
        ops.clear();
        approximateBytes = 0;
    }
}
