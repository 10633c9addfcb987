package io.sediment.bench.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2 MVStore key type for {@code byte[]} keys ordered by unsigned byte comparison, the order every
 * other engine in the benchmark uses. H2's own {@link ByteArrayDataType} stores arrays but cannot
 * compare them, so this type borrows its encoding and adds the comparison.
 */
final class UnsignedBytesKeyType extends BasicDataType<byte[]> {
    static final UnsignedBytesKeyType INSTANCE = new UnsignedBytesKeyType();

    private UnsignedBytesKeyType() {
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] key) {
        return ByteArrayDataType.INSTANCE.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buff, byte[] key) {
        ByteArrayDataType.INSTANCE.write(buff, key);
    }

    @Override
    public byte[] read(ByteBuffer buff) {
        return ByteArrayDataType.INSTANCE.read(buff);
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
