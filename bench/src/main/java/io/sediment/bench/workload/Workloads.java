package io.sediment.bench.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The workload catalogue, by command-line name. {@code syncwrite} expands to one workload per
 * thread count (1, 4 and 16 by default); every other name is one workload.
 */
public final class Workloads {
    /** Every name {@link #create} accepts, in the order a full run uses. */
    public static final List<String> NAMES = List.of("fillseq", "fillrandom", "overwrite", "readrandom", "readseq",
            "seekrandom", "readwhilewriting", "deleterandom", "ycsb-a", "ycsb-b", "ycsb-c", "ycsb-d", "ycsb-e",
            "ycsb-f", "syncwrite", "amplification");

    private Workloads() {
    }

    /**
     * The concrete workloads a command-line name stands for: {@code syncwrite} becomes
     * {@code syncwrite-t1}, {@code syncwrite-t4}, … for each of {@code syncThreads}; any other
     * known name stands for itself. IllegalArgumentException for an unknown name.
     */
    public static List<String> expand(String name, List<Integer> syncThreads) {
        if (name.equals("syncwrite")) {
            List<String> list = new ArrayList<>();
            for (int threads : syncThreads) {
                list.add("syncwrite-t" + threads);
            }
            return list;
        }
        create(name, 0);
        return List.of(name);
    }

    /** A fresh instance of the concrete workload {@code name}; syncwrite variants run {@code syncMillis}. */
    public static Workload create(String name, long syncMillis) {
        if (name.matches("syncwrite-t[0-9]+")) {
            return new SyncWriteWorkload(Integer.parseInt(name.substring("syncwrite-t".length())), syncMillis);
        }
        return one(name);
    }

    private static Workload one(String name) {
        return switch (name) {
            case "fillseq" -> new FillWorkload(name, false);
            case "fillrandom" -> new FillWorkload(name, true);
            case "overwrite" -> new WriteRandomWorkload(name, false);
            case "deleterandom" -> new WriteRandomWorkload(name, true);
            case "readrandom" -> new ReadRandomWorkload();
            case "readseq" -> new ReadSeqWorkload();
            case "seekrandom" -> new SeekRandomWorkload();
            case "readwhilewriting" -> new ReadWhileWritingWorkload();
            case "amplification" -> new AmplificationWorkload();
            default -> {
                if (name.matches("ycsb-[a-f]")) {
                    yield new YcsbWorkload(name.charAt(5));
                }
                throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + NAMES);
            }
        };
    }
}
