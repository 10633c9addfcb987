package io.sediment.engine.sstable;

import io.sediment.engine.error.StorageException;
import io.sediment.engine.util.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.UnaryOperator;
import net.jpountz.lz4.LZ4Compressor;

/**
 * Writes one SSTable file from entries given in strictly increasing key order. The file is
 * (see docs/formats.md for the bytes):
 *
 * <pre>
 * data block 1 | trailer
 * ...
 * data block N | trailer
 * filter block | trailer      (absent when bloomBitsPerKey = 0)
 * index block  | trailer      one entry per data block: key = last key of the block, value = BlockHandle
 * footer                      48 bytes: index and filter handles, entry count, version, crc, magic
 * </pre>
 *
 * Each block is a {@link BlockBuilder} block, LZ4-compressed when that saves at least 12.5%,
 * framed by {@link BlockCodec}. The filter is one {@link BloomFilter} over
 * {@code filterKey.apply(key)} of every entry.
 *
 * <p>Lifecycle: {@link #add} any number of times, then {@link #finish()} (which writes the
 * filter, index and footer and fsyncs the file) or {@link #abandon()} (which deletes it).
 * {@link #close()} abandons a builder that was not finished, so try-with-resources never leaves
 * a partial file behind. The caller fsyncs the directory when it records the file.
 *
 * <p>Not thread-safe.
 */
public final class TableBuilder implements AutoCloseable {
    private static final int BUFFER_SIZE = 256 * 1024;

    private enum State { OPEN, FINISHED, ABANDONED, FAILED }

    private final Path file;
    private final TableOptions options;
    private final Comparator<byte[]> comparator;
    private final UnaryOperator<byte[]> filterKey;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private final BlockBuilder dataBlock;
    private final BlockBuilder indexBlock = new BlockBuilder(1);
    private final BloomFilterBuilder filter;
    private final LZ4Compressor compressor;
    private final byte[] trailer = new byte[BlockCodec.TRAILER_SIZE];
    private byte[] compressed = new byte[0];
    private long offset;
    private long entryCount;
    private int dataBlockCount;
    private byte[] firstKey;
    private byte[] lastKey;
    private State state = State.OPEN;

    /**
     * Creates (or truncates) {@code file} and starts a table in it.
     *
     * @param filterKey maps an entry's key to the bytes put in the bloom filter (identity for whole keys)
     * @throws StorageException if the file cannot be created
     */
    public TableBuilder(Path file, TableOptions options, Comparator<byte[]> comparator, UnaryOperator<byte[]> filterKey) {
        this.file = Objects.requireNonNull(file, "file");
        this.options = Objects.requireNonNull(options, "options");
        this.comparator = Objects.requireNonNull(comparator, "comparator");
        this.filterKey = Objects.requireNonNull(filterKey, "filterKey");
        this.dataBlock = new BlockBuilder(options.restartInterval());
        this.filter = options.bloomBitsPerKey() > 0 ? new BloomFilterBuilder(options.bloomBitsPerKey()) : null;
        this.compressor = options.compression() == Compression.LZ4 ? BlockCodec.compressor() : null;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot create SSTable file " + file + ": " + e, e);
        }
    }

    /**
     * Appends an entry. The arrays are copied as needed; the caller may reuse them.
     *
     * @throws IllegalArgumentException if {@code key} does not sort after the previous key
     * @throws StorageException on an I/O error (the builder then accepts only {@link #abandon()})
     */
    public void add(byte[] key, byte[] value) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (lastKey != null && comparator.compare(lastKey, key) >= 0) {
            throw new IllegalArgumentException("keys must be added in strictly increasing order: "
                    + Bytes.toHex(key) + " does not sort after " + Bytes.toHex(lastKey) + " in " + file);
        }
        byte[] copy = key.clone();
        if (filter != null) {
            filter.add(filterKey.apply(copy));
        }
        dataBlock.add(copy, value);
        if (firstKey == null) {
            firstKey = copy;
        }
        lastKey = copy;
        entryCount++;
        if (dataBlock.estimatedSize() >= options.blockSize()) {
            flushDataBlock();
        }
    }

    /** Entries added so far. */
    public long entryCount() {
        return entryCount;
    }

    /** About how large the file would be if finished now (before filter and index): to cut output files. */
    public long estimatedFileSize() {
        return offset + dataBlock.estimatedSize();
    }

    /**
     * Writes the last data block, the filter, the index and the footer, fsyncs and closes the file.
     *
     * @throws StorageException on an I/O error (then {@link #abandon()} deletes the partial file)
     */
    public TableSummary finish() {
        requireOpen();
        try {
            if (!dataBlock.isEmpty()) {
                flushDataBlock();
            }
            BlockHandle filterHandle = Footer.NO_FILTER;
            if (filter != null) {
                byte[] bits = filter.finish();
                filterHandle = writeBlock(bits, bits.length, Compression.NONE); // random bits do not compress
            }
            byte[] index = indexBlock.finish();
            BlockHandle indexHandle = writeBlock(index, index.length, options.compression());
            byte[] footer = new Footer(indexHandle, filterHandle, entryCount, Footer.CURRENT_VERSION).encode();
            write(footer, footer.length);
            flushBuffer();
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw fail(e);
        }
        state = State.FINISHED;
        return new TableSummary(entryCount, offset, firstKey, lastKey, dataBlockCount);
    }

    /** Closes and deletes the unfinished file. Does nothing after {@link #finish()} or a previous abandon. */
    public void abandon() {
        if (state == State.FINISHED || state == State.ABANDONED) {
            return;
        }
        state = State.ABANDONED;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Deleting is what matters.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StorageException("cannot delete abandoned SSTable file " + file + ": " + e, e);
        }
    }

    /** Abandons the table unless {@link #finish()} succeeded. */
    @Override
    public void close() {
        abandon();
    }

    private void flushDataBlock() {
        byte[] block = dataBlock.finish();
        BlockHandle handle;
        try {
            handle = writeBlock(block, block.length, options.compression());
        } catch (IOException e) {
            throw fail(e);
        }
        indexBlock.add(lastKey, handle.encode());
        dataBlock.reset();
        dataBlockCount++;
    }

    /** Writes a block and its trailer, compressed if asked and worth it; returns where it went. */
    private BlockHandle writeBlock(byte[] raw, int length, Compression compression) throws IOException {
        byte[] stored = raw;
        int storedLength = length;
        Compression type = Compression.NONE;
        if (compression == Compression.LZ4) {
            int max = compressor.maxCompressedLength(length);
            if (compressed.length < max) {
                compressed = new byte[max];
            }
            int n = compressor.compress(raw, 0, length, compressed, 0, max);
            if (n <= length - length / 8) {
                stored = compressed;
                storedLength = n;
                type = Compression.LZ4;
            }
        }
        BlockCodec.fillTrailer(trailer, type, length, stored, storedLength);
        BlockHandle handle = new BlockHandle(offset, storedLength);
        write(stored, storedLength);
        write(trailer, trailer.length);
        return handle;
    }

    private void write(byte[] src, int length) throws IOException {
        if (length > buffer.remaining()) {
            flushBuffer();
        }
        if (length >= buffer.capacity()) {
            ByteBuffer direct = ByteBuffer.wrap(src, 0, length);
            while (direct.hasRemaining()) {
                channel.write(direct);
            }
        } else {
            buffer.put(src, 0, length);
        }
        offset += length;
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private StorageException fail(IOException e) {
        state = State.FAILED;
        return new StorageException("cannot write SSTable file " + file + ": " + e, e);
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("table builder for " + file + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return "TableBuilder{" + file + ", entries=" + entryCount + ", bytes=" + offset + ", " + state + "}";
    }
}
