package io.sediment.engine.sstable;

import io.sediment.engine.util.Bytes;

/**
 * What {@link TableBuilder#finish()} wrote: what the manifest records about a new table.
 *
 * @param entryCount     number of entries
 * @param fileSize       size of the file in bytes
 * @param smallestKey    the first key, or {@code null} for an empty table
 * @param largestKey     the last key, or {@code null} for an empty table
 * @param dataBlockCount number of data blocks
 */
public record TableSummary(long entryCount, long fileSize, byte[] smallestKey, byte[] largestKey, int dataBlockCount) {
    @Override
    public String toString() {
        return "TableSummary{entries=" + entryCount + ", bytes=" + fileSize + ", smallest=" + Bytes.toHex(smallestKey)
                + ", largest=" + Bytes.toHex(largestKey) + ", dataBlocks=" + dataBlockCount + "}";
    }
}
