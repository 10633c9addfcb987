package io.sediment.engine.sstable;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.error.StorageException;
import io.sediment.engine.util.Bytes;
import io.sediment.engine.util.SeekingIterator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * An open SSTable written by {@link TableBuilder}. {@link #open} reads the footer, dispatches on
 * its format version, and loads and verifies the index block (decoded into an {@link IndexBlock})
 * and the filter block, which stay in memory; data blocks are read on demand through the shared
 * {@link BlockCache}. Every block's checksum is verified before it is used, and every length is
 * checked, so a damaged or foreign file raises {@link CorruptionException} naming the file (and
 * the offset) — never wrong data, never another runtime exception. I/O failures raise {@link StorageException}.
 *
 * <p>Thread-safe: any number of threads may call {@link #find}, {@link #mayContain} and
 * {@link #iterator()} at once (reads are positional; each iterator has its own state).
 * {@link #close()} must come after every use has ended (the engine's table cache ensures it).
 * If a reading thread is interrupted, the JDK closes the shared channel; the reader then reopens
 * the file for the other threads and reports the interruption to that thread only.
 */
public final class TableReader implements AutoCloseable {
    /** Blocks up to this size are read into a per-thread buffer, so a cache miss allocates only the decoded block. */
    private static final int MAX_SCRATCH_BYTES = 64 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8 * 1024]);

    private final Path file;
    private final long cacheId;
    private final Comparator<byte[]> comparator;
    private final BlockCache cache;
    private final long fileSize;
    private final Footer footer;
    private final IndexBlock index;
    private final BloomFilter filter;
    private final LongAdder blocksRead = new LongAdder();
    private volatile FileChannel channel;
    private volatile boolean closed;

    /** An entry found by {@link #find(byte[])}. */
    public record Entry(byte[] key, byte[] value) {
        @Override
        public String toString() {
            return "Entry{" + Bytes.toHex(key) + " -> " + Bytes.toHex(value) + "}";
        }
    }

    private TableReader(Path file, long cacheId, Comparator<byte[]> comparator, BlockCache cache, FileChannel channel) {
        this.file = file;
        this.cacheId = cacheId;
        this.comparator = comparator;
        this.cache = cache;
        this.channel = channel;
        try {
            this.fileSize = channel.size();
        } catch (IOException e) {
            throw new StorageException("cannot read the size of SSTable file " + file + ": " + e, e);
        }
        if (fileSize < Footer.LENGTH) {
            throw new CorruptionException(file + ": not a Sediment SSTable (file is " + fileSize
                    + " bytes, shorter than the " + Footer.LENGTH + "-byte footer)");
        }
        byte[] tail = new byte[Footer.LENGTH];
        readFully(tail, tail.length, fileSize - Footer.LENGTH);
        this.footer = Footer.decode(tail, file.toString(), fileSize);
        switch (footer.formatVersion()) {
            case 1 -> {
                Origin indexOrigin = origin("index", footer.index().offset());
                BlockCodec.Contents idx = readBlock(footer.index(), indexOrigin);
                this.index = new IndexBlock(new Block(idx.data(), idx.length(), indexOrigin), comparator);
                if (footer.hasFilter()) {
                    Origin filterOrigin = origin("filter", footer.filter().offset());
                    BlockCodec.Contents f = readBlock(footer.filter(), filterOrigin);
                    this.filter = BloomFilter.fromBytes(f.data(), f.length(), filterOrigin.toString());
                } else {
                    this.filter = null;
                }
            }
            default -> throw new CorruptionException(file + ": no reader for SSTable format version "
                    + footer.formatVersion());
        }
    }

    /**
     * Opens a table file.
     *
     * @param cacheId    identifies this file's blocks in {@code cache}; unique among the files sharing it
     * @param comparator the order the table was written in
     * @throws CorruptionException naming the file if it is not a readable SSTable
     * @throws StorageException    if the file cannot be opened or read
     */
    public static TableReader open(Path file, long cacheId, Comparator<byte[]> comparator, BlockCache cache) {
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(cache, "cache");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new StorageException("cannot open SSTable file " + file + ": " + e, e);
        }
        try {
            return new TableReader(file, cacheId, comparator, cache, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** False only if no key whose filter key is {@code filterKey} is in the table; true if it has no filter. */
    public boolean mayContain(byte[] filterKey) {
        return filter == null || filter.mayContain(filterKey);
    }

    /**
     * {@link #mayContain} for a filter key whose {@link BloomFilter#hash} the caller computed once,
     * to probe several tables for one key without rehashing it.
     */
    public boolean mayContainHash(int filterKeyHash) {
        return filter == null || filter.mayContainHash(filterKeyHash);
    }

    /**
     * The first entry whose key is {@code >= target}, or {@code null} if every key is smaller.
     * Reads at most one data block. Does not consult the bloom filter (see {@link #mayContain}).
     */
    public Entry find(byte[] target) {
        int entry = index.find(target);
        if (entry == index.count()) {
            return null;
        }
        BlockHandle handle = index.handle(entry);
        BlockIterator data = dataBlock(handle).iterator(comparator);
        data.seek(target);
        if (!data.valid()) {
            throw new CorruptionException(origin("data", handle.offset())
                    + ": block holds no key up to its index key " + Bytes.toHex(index.key(entry)));
        }
        return new Entry(data.key(), data.value());
    }

    /** A new, unpositioned iterator over every entry. Not thread-safe itself; one per thread. */
    public SeekingIterator iterator() {
        return new TableIterator(this, index);
    }

    /** Data blocks read from disk (not served by the cache) since open: the read amplification. */
    public long blocksRead() {
        return blocksRead.sum();
    }

    public long fileSize() {
        return fileSize;
    }

    public long entryCount() {
        return footer.entryCount();
    }

    public int formatVersion() {
        return footer.formatVersion();
    }

    public boolean hasFilter() {
        return filter != null;
    }

    public Path file() {
        return file;
    }

    public long cacheId() {
        return cacheId;
    }

    /** Closes the file. Idempotent. Blocks already cached stay cached (see {@link BlockCache#evictAll}). */
    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
    }

    /** The data block at {@code handle}, from the cache or the file. */
    Block dataBlock(BlockHandle handle) {
        return cache.get(cacheId, handle.offset(), () -> {
            Origin origin = origin("data", handle.offset());
            BlockCodec.Contents c = readBlock(handle, origin);
            blocksRead.increment();
            return new Block(c.data(), c.length(), origin);
        });
    }

    Comparator<byte[]> comparator() {
        return comparator;
    }

    private BlockCodec.Contents readBlock(BlockHandle handle, Object origin) {
        if (!Footer.fits(handle.offset(), handle.size(), fileSize - Footer.LENGTH)) {
            throw new CorruptionException(origin + ": block of " + handle.size() + " bytes runs past the end of the data ("
                    + (fileSize - Footer.LENGTH) + " bytes)");
        }
        int length = handle.size() + BlockCodec.TRAILER_SIZE;
        byte[] scratch = length <= MAX_SCRATCH_BYTES ? SCRATCH.get() : null;
        if (scratch != null && scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
            SCRATCH.set(scratch);
        }
        byte[] buf = scratch != null ? scratch : new byte[length];
        readFully(buf, length, handle.offset());
        BlockCodec.Contents c = BlockCodec.decode(buf, handle.size(), origin);
        // An uncompressed block is the read buffer itself: the per-thread one must not escape.
        return c.data() == scratch ? new BlockCodec.Contents(Arrays.copyOf(scratch, c.length()), c.length()) : c;
    }

    /** Where a block came from, formatted only when an error message needs it (a cache miss must not pay for it). */
    private record Origin(Path file, String kind, long offset) {
        @Override
        public String toString() {
            return file + " (" + kind + " block at offset " + offset + ")";
        }
    }

    private Origin origin(String kind, long offset) {
        return new Origin(file, kind, offset);
    }

    private void readFully(byte[] dst, int length, long position) {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = channel;
            ByteBuffer buf = ByteBuffer.wrap(dst, 0, length);
            try {
                while (buf.hasRemaining()) {
                    if (ch.read(buf, position + buf.position()) < 0) {
                        throw new CorruptionException(file + ": unexpected end of file reading " + length
                                + " bytes at offset " + position + " (file truncated?)");
                    }
                }
                return;
            } catch (ClosedByInterruptException e) {
                reopen(ch);
                throw new StorageException("read of SSTable file " + file + " interrupted", e);
            } catch (ClosedChannelException e) {
                if (closed) {
                    throw new StorageException("SSTable file " + file + " is closed", e);
                }
                reopen(ch);
                if (attempt >= 3) {
                    throw new StorageException("SSTable file " + file + " keeps getting closed", e);
                }
            } catch (IOException e) {
                throw new StorageException("cannot read SSTable file " + file + " at offset " + position + ": " + e, e);
            }
        }
    }

    /** Replaces a channel the JDK closed under us (another thread was interrupted mid-read). */
    private synchronized void reopen(FileChannel failed) {
        if (closed || channel != failed) {
            return;
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new StorageException("cannot reopen SSTable file " + file + ": " + e, e);
        }
        if (closed) {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the channel was only read.
        }
    }

    @Override
    public String toString() {
        return "TableReader{" + file + ", " + fileSize + " bytes, " + footer.entryCount() + " entries, v"
                + footer.formatVersion() + "}";
    }
}
