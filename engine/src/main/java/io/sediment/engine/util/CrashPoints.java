package io.sediment.engine.util;

import java.util.function.Consumer;

/**
 * Named places on the durable paths (flush, compaction, manifest, CURRENT) where a crash test
 * stops the process: the test installs a handler, the engine calls {@link #reach} as it passes
 * each place, and the handler, at the place and hit it was told to wait for, reports it and
 * blocks until the test kills the process with {@code kill -9}. So a crash lands exactly between
 * two steps that recovery must put together again, not only wherever a random moment falls.
 *
 * <p>Without a handler {@link #reach} is one read of a volatile field; production code never
 * installs one.
 */
public final class CrashPoints {
    /** A flush wrote its table (fsynced); the manifest does not name it yet. */
    public static final String FLUSH_TABLE_WRITTEN = "flush-table-written";
    /** A flush or compaction finished one output file (fsynced); more may follow; the manifest names none. */
    public static final String OUTPUT_FILE_WRITTEN = "output-file-written";
    /** A compaction wrote all its outputs; the manifest still names its inputs. */
    public static final String COMPACTION_OUTPUTS_WRITTEN = "compaction-outputs-written";
    /** An edit is appended to the manifest but not yet fsynced. */
    public static final String MANIFEST_EDIT_APPENDED = "manifest-edit-appended";
    /** A compaction's edit is durable; its input files are not deleted yet. */
    public static final String COMPACTION_INSTALLED = "compaction-installed";
    /** A new manifest is written and fsynced; CURRENT still points at the old one. */
    public static final String NEW_MANIFEST_WRITTEN = "new-manifest-written";
    /** CURRENT.tmp is written and fsynced; it is not renamed over CURRENT yet. */
    public static final String CURRENT_TEMP_WRITTEN = "current-temp-written";

    /** Every point, for tests that visit them all. */
    public static final java.util.List<String> ALL = java.util.List.of(FLUSH_TABLE_WRITTEN, OUTPUT_FILE_WRITTEN,
            COMPACTION_OUTPUTS_WRITTEN, MANIFEST_EDIT_APPENDED, COMPACTION_INSTALLED, NEW_MANIFEST_WRITTEN,
            CURRENT_TEMP_WRITTEN);

    private static volatile Consumer<String> handler;

    private CrashPoints() {
    }

    /** Called by the engine at point {@code name}. */
    public static void reach(String name) {
        Consumer<String> h = handler;
        if (h != null) {
            h.accept(name);
        }
    }

    /** Installs the test's handler (null removes it). */
    public static void install(Consumer<String> newHandler) {
        handler = newHandler;
    }
}
