package io.sediment.engine.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The wal package sits low in the engine: it may import only util, error and the JDK. */
class WalLayeringTest {
    private static final List<String> ALLOWED = List.of("java.", "io.sediment.engine.util.",
            "io.sediment.engine.error.", "io.sediment.engine.wal.");

    @Test
    void importsOnlyUtilErrorAndJdk() throws IOException {
        Path sources = Path.of("src/main/java/io/sediment/engine/wal");
        assertTrue(Files.isDirectory(sources), "run from the engine module: " + sources.toAbsolutePath());
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.strip();
                    if (l.startsWith("import ")) {
                        String name = l.substring(7).replace("static ", "").strip();
                        if (ALLOWED.stream().noneMatch(name::startsWith)) {
                            offending.add(f.getFileName() + ": " + l);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }
}
