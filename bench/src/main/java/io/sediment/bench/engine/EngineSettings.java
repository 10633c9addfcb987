package io.sediment.bench.engine;

/**
 * The knobs every engine gets set to the same value, so that a run compares engines rather than
 * configurations: memtable (write buffer) size, block cache, bloom filter bits per key, block
 * size and whether blocks are compressed. {@code compactionStyle} ({@code LEVELED} or {@code TIERED})
 * is honoured by the engines that have both: Sediment, and RocksDB (TIERED = universal compaction).
 */
public record EngineSettings(long writeBufferBytes, long blockCacheBytes, int bloomBitsPerKey, int blockSize,
                             boolean compression, String compactionStyle) {

    /** 64 MiB write buffer, 64 MiB block cache, 10 bloom bits per key, 4 KiB blocks, compression on. */
    public static EngineSettings standard() {
        return new EngineSettings(64L << 20, 64L << 20, 10, 4096, true, "LEVELED");
    }

    /** The same settings with another compaction style. */
    public EngineSettings withCompactionStyle(String style) {
        return new EngineSettings(writeBufferBytes, blockCacheBytes, bloomBitsPerKey, blockSize, compression, style);
    }
}
