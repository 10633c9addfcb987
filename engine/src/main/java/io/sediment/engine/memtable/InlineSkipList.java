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
 * walks through stay densely packed. Each link also carries the first four bytes of the key it
 * points to, so that most search steps decide without touching the next node at all.
 *
 * <pre>
 * node = | height (4) | user key length (4) | value address (4) | value length (4) |
 *        | link[0] .. link[height-1] (8 each) | trailer (8) | user key |
 * link = | next (4) | prefix of next's user key (4) |
 * </pre>
 * Order: user key ascending (unsigned bytes), then trailer descending, as {@code InternalKey}.
 * {@code next} is the {@link Arena} address of the next node at that level, 0 at the end;
 * {@code prefix} is its user key's first four bytes, big endian, zero-padded (see {@link #prefix}).
 *
 * <p>Thread-safety: one writer at a time may {@link #insert} (successive writers must be ordered by
 * a lock); any number of readers may search and walk the list concurrently, without locks. A node
 * is filled in completely before a release store links it in at level 0 and up, and readers load
 * links with acquire, so a reader sees either nothing of a node or all of it, and always in order.
 * Nodes are never removed or changed once linked. A link's two halves are stored apart: the writer
 * stores {@code next} then {@code prefix}, readers load {@code prefix} then {@code next}, so a reader
 * may pair a new {@code next} with the older, larger prefix (it then never moves right wrongly, and
 * at worst drops a level early, which a skiplist search tolerates above level 0, where it compares
 * whole keys), but never an old {@code next} with a newer prefix.
 */
final class InlineSkipList {
    static final int MAX_HEIGHT = 12;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
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
        int t = o + NEXT + 8 * height;
        LONG.set(c, t, trailer);
        System.arraycopy(userKey, 0, c, t + 8, userKey.length);
        if (value.length > 0) {
            int v = (int) INT.get(c, o + VALUE_ADDRESS);
            System.arraycopy(value, 0, values.chunk(v), Arena.offset(v), value.length);
        }
        for (int i = 0; i < height; i++) {
            byte[] pc = arena.chunk(splice[i]);
            int link = Arena.offset(splice[i]) + NEXT + 8 * i;
            INT.set(c, o + NEXT + 8 * i, (int) INT.get(pc, link));
            INT.set(c, o + NEXT + 8 * i + 4, (int) INT.get(pc, link + 4));
        }
        int prefix = prefix(userKey, userKey.length);
        for (int i = 0; i < height; i++) {
            byte[] pc = arena.chunk(splice[i]);
            int link = Arena.offset(splice[i]) + NEXT + 8 * i;
            INT.setRelease(pc, link, node);
            INT.setRelease(pc, link + 4, prefix);
            splice[i] = node;
        }
        return nodeSize(height, userKey.length) + value.length;
    }

    /**
     * The first node at or after {@code (key[0, keyLength), trailer)}, or 0 if there is none.
     * Safe to call concurrently with {@link #insert}.
     */
    int seek(byte[] key, int keyLength, long trailer) {
        return search(key, keyLength, trailer, null);
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

    /**
     * Walks down from the head to the first node at or after the target and returns it (0 if none);
     * with {@code predecessors} (the writer's search) records the last node before the target at
     * every level. A link whose prefix orders it before or after the target decides the step without
     * reading the next node; readers trust "after" only above level 0, since a prefix they load may
     * be older (larger) than the link's node. The writer's own prefixes are exact.
     */
    private int search(byte[] key, int keyLength, long trailer, int[] predecessors) {
        int target = prefix(key, keyLength);
        int x = head;
        int level = predecessors == null ? maxHeight - 1 : MAX_HEIGHT - 1;
        int notBefore = 0;
        while (true) {
            byte[] c = arena.chunk(x);
            int link = Arena.offset(x) + NEXT + 8 * level;
            int prefix = (int) INT.getAcquire(c, link + 4);
            int next = (int) INT.getAcquire(c, link);
            boolean right = false;
            if (next != 0 && next != notBefore) {
                int cmp = Integer.compareUnsigned(target, prefix);
                if (cmp > 0) {
                    right = true;
                } else if (cmp == 0 || (level == 0 && predecessors == null)) {
                    right = isBefore(next, key, keyLength, trailer);
                    notBefore = right ? notBefore : next;
                }
            }
            if (right) {
                x = next;
                continue;
            }
            if (predecessors != null) {
                predecessors[level] = x;
            }
            if (level == 0) {
                return next;
            }
            level--;
        }
    }

    /** Sets {@link #splice} to the new key's predecessors at every level. */
    private void findSplice(byte[] userKey, long trailer) {
        search(userKey, userKey.length, trailer, splice);
    }

    /** The first four bytes of {@code key[0, length)} as an unsigned big-endian int, zero-padded: orders like the keys, or ties. */
    private static int prefix(byte[] key, int length) {
        if (length >= 4) {
            return (int) INT_BE.get(key, 0);
        }
        int p = 0;
        for (int i = 0; i < 4; i++) {
            p = p << 8 | (i < length ? key[i] & 0xff : 0);
        }
        return p;
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
        return NEXT + 8 * height + 8 + keyLength;
    }

    private static int trailerOffset(byte[] c, int o) {
        return o + NEXT + 8 * (int) INT.get(c, o + HEIGHT);
    }

    private int next(int node, int level) {
        return (int) INT.getAcquire(arena.chunk(node), Arena.offset(node) + NEXT + 8 * level);
    }
}
