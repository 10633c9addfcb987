package io.sediment.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSTables opened by reads stay open exactly as long as a reader can use them: point reads pin a
 * version's tables, an open iterator keeps its version's (deleted-by-compaction) files readable,
 * and once the last reader is gone and the files are deleted, no file handle to them remains.
 * Run with the tables pinned and with too small a table cache to pin them.
 */
class TableLifetimeTest {
    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String key(int i) {
        return String.format("k%05d", i);
    }

    /** Files of {@code dir} that this process still has open although they were deleted (Linux). */
    private static List<String> deletedButOpen(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.startsWith(dir.toString()) && target.endsWith(" (deleted)")) {
                    out.add(target);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 10})
    void compactedFilesStayReadableForOpenReadersAndAreClosedAfterThem(int maxOpenFiles) throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
        Path dir = tmp.resolve("db");
        Options options = Options.defaults().writeBufferSize(4096).blockCacheBytes(0)
                .maxOpenFiles(maxOpenFiles).backgroundCompaction(false);
        try (Db db = Db.open(dir, options)) {
            int n = 3000;
            for (int round = 0; round < 2; round++) {
                for (int i = round; i < n; i += 2) {
                    db.put(b(key(i)), b("v" + i));
                }
                db.flush();
            }
            for (int i = 0; i < n; i += 7) {
                assertEquals("v" + i, new String(db.get(b(key(i))), StandardCharsets.UTF_8));
            }
            try (DbIterator it = db.range(null, null)) {
                for (int i = 0; i < n; i++) {
                    db.put(b(key(i)), b("w" + i));
                }
                db.flush();
                db.compact(0);
                db.compact(1);
                for (int i = 0; i < n; i += 7) {
                    assertEquals("w" + i, new String(db.get(b(key(i))), StandardCharsets.UTF_8));
                }
                int seen = 0;
                for (; it.valid(); it.next()) {
                    assertEquals("v" + seen, new String(it.value(), StandardCharsets.UTF_8));
                    seen++;
                }
                assertEquals(n, seen);
                it.seek(b(key(n / 2)));
                assertEquals("v" + n / 2, new String(it.value(), StandardCharsets.UTF_8));
            }
            db.put(b("x"), b("y"));
            db.flush(); // deletes the files only the closed iterator still used
            assertEquals(List.of(), deletedButOpen(dir));
            for (int i = 0; i < n; i += 7) {
                assertEquals("w" + i, new String(db.get(b(key(i))), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of(), deletedButOpen(dir));
    }
}
