package io.sediment.engine;

import io.sediment.engine.compaction.CompactionStats;
import io.sediment.engine.compaction.LevelTargets;
import io.sediment.engine.db.EngineStats;
import io.sediment.engine.db.SnapshotList;
import io.sediment.engine.db.SuperVersion;
import io.sediment.engine.memtable.Memtable;
import io.sediment.engine.version.FileMetaData;
import io.sediment.engine.version.FileNames;
import io.sediment.engine.version.Version;
import java.util.ArrayList;
import java.util.List;

/** Assembles a {@link Metrics} report from a database's counters and current tree. */
final class MetricsReport {
    private MetricsReport() {
    }

    static Metrics build(Db db) {
        EngineStats s = db.stats;
        Options o = db.options;
        SuperVersion sv = db.acquireForMetrics();
        try {
            Version v = sv.version;
            List<Metrics.LevelInfo> levels = new ArrayList<>();
            List<Metrics.TableInfo> tables = new ArrayList<>();
            LevelTargets targets = LevelTargets.of(CompactionScheduler.configOf(o), v);
            long total = 0;
            long deepest = 0;
            for (int level = 0; level < v.numLevels(); level++) {
                long bytes = v.levelBytes(level);
                levels.add(new Metrics.LevelInfo(level, v.files(level).size(), bytes,
                        level == 0 ? 0 : targets.targetBytes(level)));
                total += bytes;
                if (bytes > 0) {
                    deepest = bytes;
                }
                for (FileMetaData f : v.files(level)) {
                    tables.add(new Metrics.TableInfo(level, f.number(),
                            FileNames.table(db.directory(), f.number()).getFileName().toString(), f.size(), f.entries(),
                            f.smallestUserKey(), f.largestUserKey(), f.smallestSequence(), f.largestSequence()));
                }
            }
            long memBytes = sv.mem.approximateBytes();
            for (Memtable m : sv.immutables) {
                memBytes += m.approximateBytes();
            }
            long userBytes = s.userBytesWritten.sum();
            long flushBytes = s.flushBytesWritten.sum();
            long compWritten = s.compactionBytesWritten.sum();
            long compMillis = s.compactionMillis.sum();
            long gets = s.gets.sum();
            List<Metrics.CompactionInfo> history = new ArrayList<>();
            for (CompactionStats c : s.history()) {
                history.add(new Metrics.CompactionInfo(c.startMillis(), c.endMillis(), c.inputLevel(), c.outputLevel(),
                        c.inputFiles(), c.outputFiles(), c.bytesRead(), c.bytesWritten(), c.entriesDropped(),
                        c.reason(), c.style()));
            }
            List<Metrics.SnapshotInfo> snaps = new ArrayList<>();
            for (SnapshotList.Entry e : db.snapshots.list()) {
                snaps.add(new Metrics.SnapshotInfo(e.id(), e.sequence(), e.createdMillis()));
            }
            return new Metrics(levels, tables, s.compactionBytesRead.sum(), compWritten,
                    compMillis == 0 ? 0 : (s.compactionBytesRead.sum() + compWritten) * 1000.0 / compMillis,
                    s.compactionCount.sum(), s.flushCount.sum(), flushBytes,
                    db.picker().pendingCompactionBytes(v), db.runningCompactions(),
                    userBytes == 0 ? 0 : (double) (flushBytes + compWritten) / userBytes,
                    gets == 0 ? 0 : (double) s.tablesProbed.sum() / gets,
                    gets == 0 ? 0 : (double) db.tables.blockCache().misses() / gets,
                    deepest == 0 ? 1.0 : (double) total / deepest,
                    userBytes, s.walBytesWritten.sum(), gets, s.stallCount.sum(), s.stallNanos.sum() / 1_000_000,
                    db.tables.blockCache().hits(), db.tables.blockCache().misses(),
                    db.tables.hits(), db.tables.misses(), memBytes, sv.immutables.size(), db.lastSequence,
                    db.openIterators(), db.compactionStyle().name(), history, snaps, o.describe());
        } finally {
            sv.release();
        }
    }
}
