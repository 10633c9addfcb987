package io.sediment.calcite.procedures;

import io.sediment.calcite.schema.SedimentRootSchema;
import io.sediment.calcite.schema.Session;
import io.sediment.engine.CompactionStyle;
import io.sediment.engine.Db;
import io.sediment.engine.Metrics;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The operator's procedures in schema {@code SYS}, as table functions returning one row
 * {@code (PROCEDURE, RESULT)} that says what was done. {@code CALL SYS.FLUSH()} is rewritten by
 * the parser to {@code SELECT * FROM TABLE(SYS.FLUSH())}, which also works directly.
 *
 * <p>Each procedure acts when its result is scanned, i.e. when the statement executes — never
 * while it is prepared or explained. Relative checkpoint paths are resolved against the
 * directory that contains the database directory.
 */
public final class Procedures {
    private Procedures() {
    }

    /** The functions SYS exposes, by name. */
    public static Multimap<String, org.apache.calcite.schema.Function> functions() {
        return ImmutableMultimap.<String, org.apache.calcite.schema.Function>builder()
                .put("FLUSH", TableFunctionImpl.create(Procedures.class, "flush"))
                .put("COMPACT", TableFunctionImpl.create(Procedures.class, "compact"))
                .put("CHECKPOINT", TableFunctionImpl.create(Procedures.class, "checkpoint"))
                .put("SET_COMPACTION", TableFunctionImpl.create(Procedures.class, "setCompaction"))
                .build();
    }

    /** SYS.FLUSH(): writes the memtable to a new level-0 SSTable. */
    public static ScannableTable flush() {
        return new Result("FLUSH", s -> {
            Db db = s.database().db();
            long before = db.metrics().flushCount();
            int filesBefore = db.metrics().tables().size();
            db.flush();
            Metrics m = db.metrics();
            return "flushed the memtable: " + (m.flushCount() - before) + " flush(es), live SSTables "
                    + filesBefore + " -> " + m.tables().size();
        });
    }

    /** SYS.COMPACT(level): compacts all of {@code level} into the next level. */
    public static ScannableTable compact(int level) {
        return new Result("COMPACT", s -> {
            Db db = s.database().db();
            int levels = db.metrics().levels().size();
            if (level < 0 || level >= levels) {
                throw new IllegalArgumentException("level must be between 0 and " + (levels - 1) + ", got " + level);
            }
            long before = db.metrics().compactionCount();
            db.compact(level);
            Metrics m = db.metrics();
            return "compacted level " + level + " into level " + Math.min(level + 1, levels - 1) + ": "
                    + (m.compactionCount() - before) + " compaction(s), live SSTables now " + m.tables().size();
        });
    }

    /**
     * SYS.CHECKPOINT(path): writes a consistent copy of the database to a new directory. A relative
     * path resolves beside the database directory, or inside the connection's checkpoint directory
     * when it has one; then the target must lie inside that directory.
     */
    public static ScannableTable checkpoint(String path) {
        return new Result("CHECKPOINT", s -> {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("checkpoint path must not be empty");
            }
            Path dir = s.database().directory();
            Path allowed = s.checkpointDirectory();
            Path target = Path.of(path);
            if (!target.isAbsolute()) {
                Path base = allowed != null ? allowed : dir.getParent() == null ? dir : dir.getParent();
                target = base.resolve(target);
            }
            target = target.normalize();
            if (allowed != null) {
                if (!target.startsWith(allowed) || target.equals(allowed)) {
                    throw new IllegalArgumentException("checkpoint target " + target
                            + " is outside the checkpoint directory " + allowed
                            + " (the only place this server writes checkpoints; name a new directory in it)");
                }
                try {
                    java.nio.file.Files.createDirectories(allowed);
                    // A symbolic link inside the directory must not lead out of it: resolve the
                    // deepest part of the target that exists before creating anything below it.
                    Path existing = target.getParent();
                    while (!java.nio.file.Files.exists(existing)) {
                        existing = existing.getParent();
                    }
                    if (!existing.toRealPath().startsWith(allowed.toRealPath())) {
                        throw new IllegalArgumentException("checkpoint target " + target
                                + " leads outside the checkpoint directory " + allowed + " through a symbolic link");
                    }
                    java.nio.file.Files.createDirectories(target.getParent());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
                }
            }
            if (java.nio.file.Files.exists(target)) {
                throw new IllegalArgumentException("checkpoint target " + target + " already exists");
            }
            s.database().db().checkpoint(target);
            return "checkpoint written to " + target;
        });
    }

    /**
     * SYS.SET_COMPACTION('leveled' | 'tiered'): switches the compaction style of the open database
     * and keeps it for later opens (the catalog records it).
     */
    public static ScannableTable setCompaction(String style) {
        return new Result("SET_COMPACTION", s -> {
            CompactionStyle next;
            try {
                next = CompactionStyle.valueOf(String.valueOf(style).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("compaction style must be 'leveled' or 'tiered', got '" + style + "'");
            }
            CompactionStyle before = s.database().catalog().setCompactionStyle(next);
            return "compaction style " + before + " -> " + next;
        });
    }

    /** The one-row result of a procedure; runs the action when scanned. */
    private static final class Result extends AbstractTable implements ScannableTable {
        private final String name;
        private final java.util.function.Function<Session, String> action;

        Result(String name, java.util.function.Function<Session, String> action) {
            this.name = name;
            this.action = action;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder().add("PROCEDURE", SqlTypeName.VARCHAR).add("RESULT", SqlTypeName.VARCHAR).build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            SedimentRootSchema schema = root.getRootSchema().unwrap(SedimentRootSchema.class);
            if (schema == null) {
                throw new IllegalStateException("SYS." + name + " needs a Sediment connection");
            }
            String result = action.apply(schema.session());
            return Linq4j.singletonEnumerable(new Object[] {name, result});
        }
    }
}
