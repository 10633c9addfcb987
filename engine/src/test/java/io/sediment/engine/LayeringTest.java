package io.sediment.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine's layers pointing one way by reading every import line: util and error at the
 * bottom; wal, sstable and key on them; memtable, then version; compaction; db; and the public
 * classes of {@code io.sediment.engine} on top. A package may use only the packages listed for it.
 */
class LayeringTest {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "error", Set.of(),
            "util", Set.of("error"),
            "key", Set.of("util", "error"),
            "wal", Set.of("util", "error"),
            "sstable", Set.of("util", "error"),
            "memtable", Set.of("key", "util", "error"),
            "version", Set.of("key", "memtable", "sstable", "wal", "util", "error"),
            "compaction", Set.of("version", "key", "memtable", "sstable", "util", "error"),
            "db", Set.of("compaction", "version", "key", "memtable", "sstable", "wal", "util", "error"));

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.sediment\\.engine\\.([a-z]+)?\\.?([A-Za-z]*)",
            Pattern.MULTILINE);

    @Test
    void packagesImportOnlyLowerLayers() throws IOException {
        Path root = Path.of("src/main/java/io/sediment/engine");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(file);
                if (rel.getNameCount() == 1) {
                    continue; // the public API on top may use everything
                }
                String pkg = rel.getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add("package " + pkg + " has no layer: add it to LayeringTest");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1);
                    boolean isPackage = target != null && !Character.isUpperCase(target.charAt(0))
                            && !m.group(2).isEmpty();
                    if (!isPackage) {
                        violations.add(rel + " imports the public API package io.sediment.engine");
                    } else if (!target.equals(pkg) && !allowed.contains(target)) {
                        violations.add(rel + " imports " + target);
                    }
                }
                String text = Files.readString(file);
                if (text.matches("(?s).*[^.\\w]io\\.sediment\\.engine\\.[A-Z].*")) {
                    violations.add(rel + " names a public API class by its full name");
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
