package io.sediment.engine.sstable;

/**
 * How an SSTable is laid out when it is written. Readers need none of these: everything a
 * reader must know is recorded in the file itself, so tables written with different options
 * can be read side by side.
 *
 * @param blockSize       target size in bytes of a data block before compression; a block is
 *                        closed once its encoded size reaches this (a single large entry makes a
 *                        larger block). Default 4096.
 * @param restartInterval number of entries between restart points inside a data block: larger
 *                        saves space (more keys are prefix-compressed), smaller makes seeks
 *                        scan less. Default 16.
 * @param bloomBitsPerKey bits of bloom filter per distinct filter key; 10 gives about 1% false
 *                        positives. 0 writes no filter. Default 10.
 * @param compression     block compression; with {@link Compression#LZ4} each block is still
 *                        stored raw when compression saves less than 12.5%. Default LZ4.
 *
 * <p>Immutable and thread-safe.
 */
public record TableOptions(int blockSize, int restartInterval, int bloomBitsPerKey, Compression compression) {
    /** The largest accepted {@link #blockSize()}: 256 MiB. */
    public static final int MAX_BLOCK_SIZE = 256 << 20;
    /** The largest accepted {@link #restartInterval()}. */
    public static final int MAX_RESTART_INTERVAL = 1 << 16;
    /** The largest accepted {@link #bloomBitsPerKey()}. */
    public static final int MAX_BLOOM_BITS_PER_KEY = 100;

    /** Validates every field. */
    public TableOptions {
        if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("blockSize must be between 1 and " + MAX_BLOCK_SIZE
                    + " bytes, was " + blockSize);
        }
        if (restartInterval < 1 || restartInterval > MAX_RESTART_INTERVAL) {
            throw new IllegalArgumentException("restartInterval must be between 1 and " + MAX_RESTART_INTERVAL
                    + " entries, was " + restartInterval);
        }
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > MAX_BLOOM_BITS_PER_KEY) {
            throw new IllegalArgumentException("bloomBitsPerKey must be between 0 (no filter) and "
                    + MAX_BLOOM_BITS_PER_KEY + ", was " + bloomBitsPerKey);
        }
        if (compression == null) {
            throw new IllegalArgumentException("compression must not be null (use Compression.NONE for none)");
        }
    }

    /** 4 KiB blocks, a restart point every 16 entries, 10 bloom bits per key, LZ4. */
    public static TableOptions defaults() {
        return new TableOptions(4096, 16, 10, Compression.LZ4);
    }

    public TableOptions withBlockSize(int bytes) {
        return new TableOptions(bytes, restartInterval, bloomBitsPerKey, compression);
    }

    public TableOptions withRestartInterval(int entries) {
        return new TableOptions(blockSize, entries, bloomBitsPerKey, compression);
    }

    public TableOptions withBloomBitsPerKey(int bits) {
        return new TableOptions(blockSize, restartInterval, bits, compression);
    }

    public TableOptions withCompression(Compression kind) {
        return new TableOptions(blockSize, restartInterval, bloomBitsPerKey, kind);
    }
}
