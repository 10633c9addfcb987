package io.sediment.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the Java examples of the documentation: every {@code ```java} block of the listed pages is
 * compiled (with the engine's public API imported) and executed against a temporary directory
 * ({@code Path.of(...)} in an example resolves inside it). A doc example that stops compiling or
 * throws fails the build.
 */
class DocExamplesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/tuning.md", "docs/operations.md"})
    void javaExamplesCompileAndRun(String page) throws Exception {
        Path file = Path.of("..").resolve(page);
        if (!Files.exists(file)) {
            return; // a page that does not exist yet has no examples
        }
        Matcher m = JAVA_BLOCK.matcher(Files.readString(file));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        if (page.equals("README.md") || page.equals("docs/tuning.md")) {
            assertFalse(blocks.isEmpty(), page + " should have Java examples");
        }
        for (int i = 0; i < blocks.size(); i++) {
            run(page, i, blocks.get(i));
        }
    }

    private void run(String page, int index, String body) throws Exception {
        String className = "DocExample" + index;
        String source = "import io.sediment.engine.*;\nimport java.nio.file.*;\n"
                + "public class " + className + " {\n  public static void run(Path base) throws Exception {\n"
                + body.replace("Path.of(", "base.resolve(") + "\n  }\n}\n";
        Path src = tmp.resolve("src").resolve(className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path out = tmp.resolve("classes-" + index);
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean ok = javac.getTask(errors, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString()), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call();
        assertTrue(ok, "example " + index + " of " + page + " does not compile:\n" + errors + "\n" + source);
        Path base = tmp.resolve("run-" + index);
        Files.createDirectories(base);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Method run = loader.loadClass(className).getMethod("run", Path.class);
            run.invoke(null, base);
        }
        assertEquals(true, Files.exists(base), "example ran");
    }
}
