package io.sediment.engine.util;

import java.util.Comparator;
import java.util.List;

/**
 * Merges several sorted iterators into one sorted sequence. On equal keys the child listed first
 * wins the tie and comes out first, so callers list newer sources first. The children are
 * scanned linearly for the minimum, which beats a heap for the handful of sources an LSM read
 * merges. Closing the merger closes every child. Not thread-safe.
 */
public final class MergingIterator implements SeekingIterator {
    private final SeekingIterator[] children;
    private final Comparator<byte[]> comparator;
    private int current = -1;

    public MergingIterator(List<? extends SeekingIterator> children, Comparator<byte[]> comparator) {
        this.children = children.toArray(new SeekingIterator[0]);
        this.comparator = comparator;
    }

    @Override
    public boolean valid() {
        return current >= 0;
    }

    @Override
    public void seekToFirst() {
        for (SeekingIterator c : children) {
            c.seekToFirst();
        }
        findSmallest();
    }

    @Override
    public void seek(byte[] target) {
        for (SeekingIterator c : children) {
            c.seek(target);
        }
        findSmallest();
    }

    @Override
    public void next() {
        children[current].next();
        findSmallest();
    }

    private void findSmallest() {
        int best = -1;
        byte[] bestKey = null;
        for (int i = 0; i < children.length; i++) {
            SeekingIterator c = children[i];
            if (c.valid()) {
                byte[] k = c.key();
                if (best < 0 || comparator.compare(k, bestKey) < 0) {
                    best = i;
                    bestKey = k;
                }
            }
        }
        current = best;
    }

    @Override
    public byte[] key() {
        return children[current].key();
    }

    @Override
    public byte[] value() {
        return children[current].value();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (SeekingIterator c : children) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "MergingIterator{" + children.length + " children, current=" + current + "}";
    }
}
