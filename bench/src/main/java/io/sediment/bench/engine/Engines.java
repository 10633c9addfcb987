package io.sediment.bench.engine;

import java.util.List;

/**
 * The engines the benchmark knows, by command-line name. {@code sediment} is the baseline every
 * ratio is computed against; {@code sediment-tiered} is Sediment with tiered compaction.
 */
public final class Engines {
    /** Every name {@link #create} accepts. */
    public static final List<String> NAMES = List.of("sediment", "sediment-tiered", "rocksdb", "leveldb", "h2");

    private Engines() {
    }

    /** A new, unopened adapter for {@code name}; IllegalArgumentException for an unknown name. */
    public static Engine create(String name) {
        return switch (name) {
            case "sediment", "sediment-tiered" -> new SedimentEngine(name);
            case "rocksdb" -> new RocksDbEngine();
            case "leveldb" -> new LevelDbEngine();
            case "h2" -> new H2Engine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'; known: " + NAMES);
        };
    }

    /** The settings {@code name} runs with: the shared ones, tiered compaction for sediment-tiered. */
    public static EngineSettings settingsFor(String name, EngineSettings shared) {
        return name.equals("sediment-tiered") ? shared.withSedimentStyle("TIERED") : shared;
    }
}
