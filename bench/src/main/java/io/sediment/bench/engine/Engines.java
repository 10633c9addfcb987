package io.sediment.bench.engine;

import java.util.List;
import java.util.Set;

/**
 * The engines the benchmark knows, by command-line name. {@code sediment} is the baseline every
 * ratio is computed against; {@code sediment-tiered} is Sediment with tiered compaction and
 * {@code rocksdb-universal} RocksDB with universal compaction, its tiered style.
 */
public final class Engines {
    /** Every name {@link #create} accepts. */
    public static final List<String> NAMES = List.of("sediment", "sediment-tiered", "rocksdb", "rocksdb-universal", "leveldb", "h2");
    /** The names that run their engine's tiered style. */
    private static final Set<String> TIERED = Set.of("sediment-tiered", "rocksdb-universal");

    private Engines() {
    }

    /** A new, unopened adapter for {@code name}; IllegalArgumentException for an unknown name. */
    public static Engine create(String name) {
        return switch (name) {
            case "sediment", "sediment-tiered" -> new SedimentEngine(name);
            case "rocksdb", "rocksdb-universal" -> new RocksDbEngine(name);
            case "leveldb" -> new LevelDbEngine();
            case "h2" -> new H2Engine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'; known: " + NAMES);
        };
    }

    /** The settings {@code name} runs with: the shared ones, tiered compaction for the tiered variants. */
    public static EngineSettings settingsFor(String name, EngineSettings shared) {
        return TIERED.contains(name) ? shared.withCompactionStyle("TIERED") : shared;
    }
}
