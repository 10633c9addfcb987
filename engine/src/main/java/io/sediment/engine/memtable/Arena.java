package io.sediment.engine.memtable;

/**
 * The memory of one memtable: blocks carved out of large {@code byte[]} chunks and named by an
 * {@code int} address, so that a skiplist can link its nodes with plain ints instead of object
 * references, and a node's key sits next to its links (one cache miss per search step).
 *
 * <p>Chunks start small (so that a memtable holding a few entries stays small) and double up to
 * {@link #CHUNK_SIZE}; a block too big to share a chunk gets a chunk of its own. Blocks are
 * 8-byte aligned, so the {@code int} fields in them can be read and written atomically. An address
 * is {@code chunk index << 17 | offset / 8}; address 0 is the first block ever allocated (a
 * skiplist keeps its head there and never links to it, so a link of 0 can mean "none"). At most
 * {@value #MAX_CHUNKS} chunks: a memtable can hold up to 16 GiB.
 *
 * <p>Thread-safety: one thread allocates. Other threads may {@link #chunk resolve} any address
 * that was handed to them through a release/acquire pair (or a lock) after it was allocated.
 * Nothing is ever freed; the memory goes when the memtable is dropped.
 */
final class Arena {
    /** Largest shared chunk; a block up to a quarter of this is carved out of shared chunks. */
    static final int CHUNK_SIZE = 1 << 20;
    private static final int FIRST_CHUNK_SIZE = 4 << 10;
    private static final int ALIGN_SHIFT = 3;
    private static final int OFFSET_BITS = 20 - ALIGN_SHIFT;
    private static final int OFFSET_MASK = (1 << OFFSET_BITS) - 1;
    private static final int MAX_CHUNKS = 1 << (31 - OFFSET_BITS);

    private final byte[][] chunks = new byte[MAX_CHUNKS][];
    private int chunkCount;
    /** Index of the chunk small blocks come from, and the bytes used in it. */
    private int current = -1;
    private int used;
    private int nextChunkSize = FIRST_CHUNK_SIZE;

    /**
     * Allocates a zeroed block of {@code size} bytes and returns its address.
     *
     * @throws IllegalStateException if the memtable has used all its chunks
     */
    int allocate(int size) {
        int aligned = (size + 7) & ~7;
        if (aligned > CHUNK_SIZE / 4) {
            return addChunk(aligned) << OFFSET_BITS;
        }
        if (current < 0 || used + aligned > chunks[current].length) {
            current = addChunk(Math.max(nextChunkSize, aligned));
            nextChunkSize = Math.min(CHUNK_SIZE, nextChunkSize * 2);
            used = 0;
        }
        int address = current << OFFSET_BITS | used >>> ALIGN_SHIFT;
        used += aligned;
        return address;
    }

    /** The chunk holding the block at {@code address}. */
    byte[] chunk(int address) {
        return chunks[address >>> OFFSET_BITS];
    }

    /** Offset of the block at {@code address} in its {@link #chunk}. */
    static int offset(int address) {
        return (address & OFFSET_MASK) << ALIGN_SHIFT;
    }

    private int addChunk(int size) {
        if (chunkCount == MAX_CHUNKS) {
            throw new IllegalStateException("memtable is full: " + MAX_CHUNKS + " chunks in use");
        }
        chunks[chunkCount] = new byte[size];
        return chunkCount++;
    }
}
