package io.sediment.engine.sstable;

/**
 * How a block's bytes are stored on disk. The {@link #id()} is written into every block trailer:
 * the ids are part of the file format — DO NOT CHANGE them; add new kinds with new ids.
 */
public enum Compression {
    /** Stored as is. */
    NONE(0),
    /**
     * LZ4 block compression, used for a block only when it saves at least 12.5% of its size
     * (otherwise that block is stored as {@link #NONE}).
     */
    LZ4(1);

    private final int id;

    Compression(int id) {
        this.id = id;
    }

    /** The persistent id stored in block trailers. */
    public int id() {
        return id;
    }

    /** The kind with persistent id {@code id}, or {@code null} if no kind has it. */
    static Compression fromId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }
}
