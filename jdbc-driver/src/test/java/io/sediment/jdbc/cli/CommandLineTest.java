package io.sediment.jdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.jdbc.server.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: help on every subcommand, passwd, and refusal of an unsafe serve. */
class CommandLineTest {
    @TempDir Path tmp;

    @Test
    void everySubcommandHasHelp() {
        for (String sub : List.of("sql", "serve", "stats", "passwd")) {
            StringWriter out = new StringWriter();
            CommandLine cl = SedimentCommand.commandLine();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(sub, "--help"), sub);
            assertTrue(out.toString().startsWith("Usage: sediment " + sub), out.toString());
        }
        StringWriter out = new StringWriter();
        CommandLine cl = SedimentCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        assertTrue(out.toString().contains("serve"), out.toString());
    }

    @Test
    void passwdWritesAHashedEntry() throws Exception {
        Path users = tmp.resolve("users");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("hunter2\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, SedimentCommand.commandLine().execute("passwd", "--users",
                users.toString(), "--password-stdin", "--iterations", "1000", "carol"));
        } finally {
            System.setIn(stdin);
        }
        assertTrue(UsersFile.read(users).get("carol").matches("hunter2".toCharArray()));
        assertTrue(!java.nio.file.Files.readString(users).contains("hunter2"));
        assertEquals(0, SedimentCommand.commandLine().execute("passwd", "--users",
            users.toString(), "--delete", "carol"));
        assertEquals(null, UsersFile.read(users).get("carol"));
    }

    @Test
    void serveRefusesAPublicBindWithoutUsers() {
        assertEquals(2, SedimentCommand.commandLine().execute("serve", "--dir",
            tmp.resolve("db").toString(), "--bind", "0.0.0.0", "--port", "0"));
    }
}
