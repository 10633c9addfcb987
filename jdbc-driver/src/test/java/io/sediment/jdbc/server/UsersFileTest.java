package io.sediment.jdbc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password hashes and the users file: round trips, no clear text, clear errors. */
class UsersFileTest {
    @TempDir Path tmp;

    @Test
    void hashesVerifyOnlyTheirPassword() {
        PasswordHash h = PasswordHash.create("correct horse".toCharArray(), 1_000);
        assertTrue(h.matches("correct horse".toCharArray()));
        assertFalse(h.matches("correct hors".toCharArray()));
        PasswordHash again = PasswordHash.parse(h.encode());
        assertTrue(again.matches("correct horse".toCharArray()));
        assertFalse(h.encode().equals(PasswordHash.create("correct horse".toCharArray(), 1_000)
            .encode()), "salted");
    }

    @Test
    void fileRoundTripsAndStoresNoPassword() throws IOException {
        Path file = tmp.resolve("users");
        UsersFile.empty().put("alice", PasswordHash.create("pw-alice".toCharArray(), 1_000))
            .put("bob", PasswordHash.create("pw-bob".toCharArray(), 1_000)).write(file);
        String text = Files.readString(file);
        assertFalse(text.contains("pw-alice"));
        UsersFile read = UsersFile.read(file);
        assertTrue(read.get("bob").matches("pw-bob".toCharArray()));
        assertTrue(read.remove("alice"));
        read.write(file);
        assertEquals(null, UsersFile.read(file).get("alice"));
    }

    @Test
    void malformedLinesAreNamed() throws IOException {
        Path file = tmp.resolve("users");
        Files.writeString(file, "# comment\nalice:plaintext\n");
        IOException e = assertThrows(IOException.class, () -> UsersFile.read(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> UsersFile.empty().put("a:b", PasswordHash.create("x".toCharArray(), 1_000)));
    }
}
