package io.sediment.engine.compaction;

import io.sediment.engine.version.Version;
import java.util.Set;

/**
 * Decides what to compact next, given only the shape of the tree: pure, no I/O, no clock, so it
 * can be tested with trees written as text. One implementation per compaction style.
 */
public interface CompactionPicker {
    /**
     * Picks the most urgent compaction, or null if the tree is in shape.
     *
     * @param version the current tree
     * @param busy numbers of files already being compacted; a pick never includes one, and never
     *        writes into a key range of a level that a running compaction writes into
     * @param busyOutputs key ranges that running compactions are writing, per output level
     */
    Compaction pick(Version version, Set<Long> busy, BusyRanges busyOutputs);

    /**
     * The compaction of all of {@code level} into the next level (the last level into itself), the
     * same for every style; null if the level is empty or something involved is busy.
     */
    Compaction manual(Version version, int level, Set<Long> busy, BusyRanges busyOutputs);

    /** Bytes that compaction still has to rewrite to bring the tree into shape (an estimate). */
    long pendingCompactionBytes(Version version);

    /** Name of the style, as shown in metrics and history. */
    String style();
}
