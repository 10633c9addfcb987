package io.sediment.calcite.rel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.Db;
import io.sediment.engine.Options;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement's scope closes the scans still open and then its snapshot, and once closed starts
 * nothing: a scan that would start after (a client reading on after its result failed) is
 * refused rather than taking a snapshot that nothing would release.
 */
class StatementScopeTest {
    @TempDir
    Path dir;

    @Test
    void closingReleasesScansAndSnapshotAndRefusesNewOnes() throws Exception {
        try (Db db = Db.open(dir, Options.defaults())) {
            StatementScope scope = new StatementScope(2);
            AtomicInteger closedScans = new AtomicInteger();
            scope.opened(closedScans::incrementAndGet);
            scope.snapshot(db);
            assertEquals(1, db.metrics().snapshots().size());

            scope.close();
            assertEquals(1, closedScans.get(), "the open scan was closed");
            assertEquals(0, db.metrics().snapshots().size(), "the snapshot was released");

            IllegalStateException late = assertThrows(IllegalStateException.class,
                    () -> scope.opened(closedScans::incrementAndGet));
            assertTrue(late.getMessage().contains("closed"), late.getMessage());
            assertThrows(IllegalStateException.class, () -> scope.snapshot(db));
            assertEquals(0, db.metrics().snapshots().size(), "no snapshot taken after close");
        }
    }
}
