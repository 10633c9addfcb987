package io.sediment.calcite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays docs/sql.md: every {@code ```sql} block runs, in order, on one fresh database and must
 * succeed; every {@code ```sql-error} block must fail with an SQLException (and change nothing).
 */
class SqlDocTest {
    @TempDir
    Path dir;

    record Block(boolean error, String text) {
    }

    static List<Block> blocks(String markdown) {
        List<Block> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.equals("```sql") || l.equals("```sql-error")) {
                StringBuilder sb = new StringBuilder();
                for (i++; i < lines.length && !lines[i].trim().equals("```"); i++) {
                    sb.append(lines[i]).append('\n');
                }
                out.add(new Block(l.endsWith("error"), sb.toString()));
            }
        }
        return out;
    }

    static List<String> statements(String block) {
        List<String> out = new ArrayList<>();
        for (String s : block.split(";\\s*\n")) {
            if (!s.isBlank()) {
                out.add(s.trim().replaceAll(";$", ""));
            }
        }
        return out;
    }

    @Test
    void everyExampleInSqlMdRuns() throws Exception {
        Path doc = Path.of(System.getProperty("sediment.docs.dir", "../docs"), "sql.md");
        List<Block> blocks = blocks(Files.readString(doc));
        assertFalse(blocks.isEmpty());
        int run = 0;
        try (Sql sql = Sql.open(dir)) {
            for (Block b : blocks) {
                for (String stmt : statements(b.text())) {
                    run++;
                    if (b.error()) {
                        assertThrows(SQLException.class, () -> sql.execute(stmt), stmt);
                    } else {
                        try {
                            sql.execute(stmt);
                        } catch (SQLException e) {
                            throw new AssertionError("docs/sql.md example failed: " + stmt, e);
                        }
                    }
                }
            }
            String plan = sql.plan("SELECT owner FROM account WHERE id IN (1, 2) OR id > 100");
            assertTrue(plan.contains("SedimentTableScan(table=[[PUBLIC, ACCOUNT]], projection=[[OWNER]], "
                    + "ranges=[[1..1], [2..2], (100..+∞)])"), plan);
            plan = sql.plan("SELECT * FROM event WHERE account_id = 1 AND seq >= 2 ORDER BY seq LIMIT 10");
            assertTrue(plan.contains("SedimentTableScan(table=[[PUBLIC, EVENT]], ranges=[[(1, 2)..1]], fetch=[10])"),
                    plan);
        }
        assertTrue(run > 30, "ran " + run);
    }
}
