package io.sediment.bench;

import io.sediment.bench.engine.EngineSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run is told: which engines and workloads, the data shape, the shared
 * engine settings, where results and databases go. Immutable; built by {@link BenchCommand}.
 *
 * @param workloads     concrete workload names (syncwrite already expanded to syncwrite-tN)
 * @param ops           operations of non-fill workloads (over all threads)
 * @param syncMillis    how long each syncwrite variant and the raw fsync probe run
 * @param sampleMillis  how often Sediment's metrics are sampled for the timeline
 * @param settleMillis  longest wait for background compaction after a load or a timed phase
 */
record BenchConfig(List<String> engines, List<String> workloads, long num, long ops, int keySize, int valueSize,
                   int threads, double compressibility, boolean sync, Path out, Path dataDir, EngineSettings settings,
                   long syncMillis, long sampleMillis, long settleMillis, long seed, boolean timelines) {

    /** Name → value of every setting, for the report header and the JSON output. */
    Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("engines", String.join(",", engines));
        m.put("workloads", String.join(",", workloads));
        m.put("num", Long.toString(num));
        m.put("ops", Long.toString(ops));
        m.put("keySize", Integer.toString(keySize));
        m.put("valueSize", Integer.toString(valueSize));
        m.put("threads", Integer.toString(threads));
        m.put("compressibility", Double.toString(compressibility));
        m.put("sync", Boolean.toString(sync));
        m.put("writeBufferBytes", Long.toString(settings.writeBufferBytes()));
        m.put("blockCacheBytes", Long.toString(settings.blockCacheBytes()));
        m.put("bloomBitsPerKey", Integer.toString(settings.bloomBitsPerKey()));
        m.put("blockSize", Integer.toString(settings.blockSize()));
        m.put("compression", Boolean.toString(settings.compression()));
        m.put("syncMillis", Long.toString(syncMillis));
        m.put("seed", Long.toString(seed));
        m.put("dataDir", dataDir.toString());
        return m;
    }
}
