package io.sediment.engine.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A skiplist of internal keys (user key, 8-byte trailer) with their values, whose nodes live in an
 * {@link Arena} with the key stored inline — LevelDB's skiplist and RocksDB's InlineSkipList in
 * Java. A search step reads a link and the key beside it in one chunk instead of dereferencing a
 * node object and then its key array. Values live in a second arena, so that the nodes a search
 * walks through stay densely packed.
 *
 * <pre>
 * node = | height (4) | user key length (4) | value address (4) | value length (4) |
 *        | next[0] .. next[height-1] (4 each) | trailer (8) | user key |
 * </pre>
 * Order: user key ascending (unsigned bytes), then trailer descending, as {@code InternalKey}.
 * A link is the {@link Arena} address of the next node at that level, 0 at the end.
 *
 * <p>Thread-safety: one writer at a time may {@link #insert} (successive writers must be ordered by
 * a lock); any number of readers may search and walk the list concurrently, without locks. A node
 * is filled in completely before a release store links it in at level 0 and up, and readers load
 * links with acquire, so a reader sees either nothing of a node or all of it, and always in order.
 * Nodes are never removed or changed once linked.
 */
final class InlineSkipList {
    static final int MAX_HEIGHT = 12;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HEIGHT = 0;
    private static final int KEY_LENGTH = 4;
    private static final int VALUE_ADDRESS = 8;
    private static final int VALUE_LENGTH = 12;
    private static final int NEXT = 16;
    private static final byte[] EMPTY = new byte[0];

    private final Arena arena = new Arena();
    private final Arena values = new Arena();
    private final int head = allocateNode(MAX_HEIGHT, 0, 0);
    private volatile int maxHeight = 1;
    /** Writer only: the predecessors of the last inserted node at every level (head above its height). */
    private final int[] splice = new int[MAX_HEIGHT];
    private long random = 0x9E3779B97F4A7C15L;

    /**
     * Inserts {@code (userKey, trailer) -> value} and returns the bytes the node takes.
     * REQUIRES: single writer; no entry with the same user key and trailer is present.
     */
    int insert(byte[] userKey, long trailer, byte[] value) {
        if (!spliceBrackets(userKey, trailer)) {
            findSplice(userKey, trailer);
        }
        int height = randomHeight();
        if (height > maxHeight) {
            maxHeight = height; // readers that see it early find null links at the new levels: fine
        }
        int node = allocateNode(height, userKey.length, value.length);
        byte[] c = arena.chunk(node);
        int o = Arena.offset(node);
        int t = o + NEXT + 4 * height;
        LONG.set(c, t, trailer);
        System.arraycopy(userKey, 0, c, t + 8, userKey.length);
        if (value.length > 0) {
            int v = (int) INT.get(c, o + VALUE_ADDRESS);
            System.arraycopy(value, 0, values.chunk(v), Arena.offset(v), value.length);
        }
        for (int i = 0; i < height; i++) {
            INT.set(c, o + NEXT + 4 * i, next(splice[i], i));
        }
        for (int i = 0; i < height; i++) {
            setNextRelease(splice[i], i, node);
            splice[i] = node;
        }
        return nodeSize(height, userKey.length) + value.length;
    }

    /**
     * The first node at or after {@code (key[0, keyLength), trailer)}, or 0 if there is none.
     * Safe to call concurrently with {@link #insert}.
     */
    int seek(byte[] key, int keyLength, long trailer) {
        int x = head;
        int level = maxHeight - 1;
        int notBefore = 0;
        while (true) {
            int next = next(x, level);
            if (next != 0 && next != notBefore && isBefore(next, key, keyLength, trailer)) {
                x = next;
            } else if (level == 0) {
                return next;
            } else {
                notBefore = next;
                level--;
            }
        }
    }

    /** The first node, or 0 if the list is empty. */
    int first() {
        return next(head, 0);
    }

    /** The node after {@code node} (non-zero), or 0 at the end. */
    int next(int node) {
        return next(node, 0);
    }

    long trailer(int node) {
        byte[] c = arena.chunk(node);
        return (long) LONG.get(c, trailerOffset(c, Arena.offset(node)));
    }

    /** Whether the user key of {@code node} equals {@code userKey}. */
    boolean userKeyEquals(int node, byte[] userKey) {
        byte[] c = arena.chunk(node);
        int o = Arena.offset(node);
        int k = trailerOffset(c, o) + 8;
        return Arrays.equals(c, k, k + (int) INT.get(c, o + KEY_LENGTH), userKey, 0, userKey.length);
    }

    /** A new array holding the node's internal key: user key then trailer (little endian). */
    byte[] internalKey(int node) {
        byte[] c = arena.chunk(node);
        int o = Arena.offset(node);
        int t = trailerOffset(c, o);
        int keyLength = (int) INT.get(c, o + KEY_LENGTH);
        byte[] key = new byte[keyLength + 8];
        System.arraycopy(c, t + 8, key, 0, keyLength);
        LONG.set(key, keyLength, (long) LONG.get(c, t));
        return key;
    }

    /** A new array holding the node's value. */
    byte[] value(int node) {
        byte[] c = arena.chunk(node);
        int o = Arena.offset(node);
        int length = (int) INT.get(c, o + VALUE_LENGTH);
        if (length == 0) {
            return EMPTY;
        }
        int v = (int) INT.get(c, o + VALUE_ADDRESS);
        int from = Arena.offset(v);
        return Arrays.copyOfRange(values.chunk(v), from, from + length);
    }

    /** Whether the node sorts before {@code (key[0, keyLength), trailer)}. */
    private boolean isBefore(int node, byte[] key, int keyLength, long trailer) {
        byte[] c = arena.chunk(node);
        int o = Arena.offset(node);
        int t = trailerOffset(c, o);
        int k = t + 8;
        int cmp = Arrays.compareUnsigned(c, k, k + (int) INT.get(c, o + KEY_LENGTH), key, 0, keyLength);
        return cmp < 0 || (cmp == 0 && Long.compareUnsigned((long) LONG.get(c, t), trailer) > 0);
    }

    /**
     * Whether the new key falls right after the last inserted node (a sequential fill), so the
     * splice left by the last insert is the new node's place at every level.
     */
    private boolean spliceBrackets(byte[] userKey, long trailer) {
        int prev = splice[0];
        if (prev != head && !isBefore(prev, userKey, userKey.length, trailer)) {
            return false;
        }
        int next = next(prev, 0);
        return next == 0 || !isBefore(next, userKey, userKey.length, trailer);
    }

    /** Sets {@link #splice} to the new key's predecessors at every level, searching from the top. */
    private void findSplice(byte[] userKey, long trailer) {
        int x = head;
        int notBefore = 0;
        for (int level = MAX_HEIGHT - 1; level >= 0; level--) {
            int next = next(x, level);
            while (next != 0 && next != notBefore && isBefore(next, userKey, userKey.length, trailer)) {
                x = next;
                next = next(x, level);
            }
            notBefore = next;
            splice[level] = x;
        }
    }

    private int randomHeight() {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        long bits = random;
        int height = 1;
        while (height < MAX_HEIGHT && (bits & 3) == 0) {
            height++;
            bits >>>= 2;
        }
        return height;
    }

    private int allocateNode(int height, int keyLength, int valueLength) {
        int node = arena.allocate(nodeSize(height, keyLength));
        byte[] c = arena.chunk(node);
        int o = Arena.offset(node);
        INT.set(c, o + HEIGHT, height);
        INT.set(c, o + KEY_LENGTH, keyLength);
        INT.set(c, o + VALUE_ADDRESS, valueLength == 0 ? 0 : values.allocate(valueLength));
        INT.set(c, o + VALUE_LENGTH, valueLength);
        return node;
    }

    private static int nodeSize(int height, int keyLength) {
        return NEXT + 4 * height + 8 + keyLength;
    }

    private static int trailerOffset(byte[] c, int o) {
        return o + NEXT + 4 * (int) INT.get(c, o + HEIGHT);
    }

    private int next(int node, int level) {
        return (int) INT.getAcquire(arena.chunk(node), Arena.offset(node) + NEXT + 4 * level);
    }

    private void setNextRelease(int node, int level, int next) {
        INT.setRelease(arena.chunk(node), Arena.offset(node) + NEXT + 4 * level, next);
    }
}
