package io.sediment.engine;

/**
 * How background compaction shapes the tree. Can be changed on an open database with
 * {@link Db#setCompactionStyle}; the tree converges to the new shape without a reopen.
 */
public enum CompactionStyle {
    /** LevelDB/RocksDB leveled: each level ~sizeRatio times the previous; lowest space and read amplification. */
    LEVELED,
    /** Size-tiered (RocksDB universal, Cassandra STCS): merge runs of similar size; lowest write amplification. */
    TIERED
}
