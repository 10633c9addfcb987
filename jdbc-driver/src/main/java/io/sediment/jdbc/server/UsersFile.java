package io.sediment.jdbc.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's users file: one {@code user:pbkdf2-sha256$ITERATIONS$SALT$HASH} line per user;
 * blank lines and lines starting with {@code #} are ignored. Passwords are never stored, only
 * {@link PasswordHash}es. Written by {@code sediment passwd}, read by {@code sediment serve}.
 *
 * <p>Writes replace the file atomically (write to a temporary file, then rename) and, where the
 * file system supports it, leave it readable by its owner only. Not thread-safe; a value object.
 */
public final class UsersFile {
    private final Map<String, PasswordHash> users;

    private UsersFile(Map<String, PasswordHash> users) {
        this.users = users;
    }

    /** An empty users file. */
    public static UsersFile empty() {
        return new UsersFile(new LinkedHashMap<>());
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException if unreadable, or naming the line that is malformed
     */
    public static UsersFile read(Path file) throws IOException {
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException(file + " line " + (i + 1) + ": expected user:hash");
            }
            try {
                users.put(line.substring(0, colon), PasswordHash.parse(line.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new UsersFile(users);
    }

    /** Reads {@code file}, or returns an empty one if it does not exist. */
    public static UsersFile readOrEmpty(Path file) throws IOException {
        return Files.exists(file) ? read(file) : empty();
    }

    /** Adds or replaces {@code user}. */
    public UsersFile put(String user, PasswordHash hash) {
        if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("user names must be non-empty, without ':' or spaces: '"
                    + user + "'");
        }
        users.put(user, hash);
        return this;
    }

    /** Removes {@code user}; returns whether it was there. */
    public boolean remove(String user) {
        return users.remove(user) != null;
    }

    /** The hash of {@code user}, or {@code null}. */
    public PasswordHash get(String user) {
        return users.get(user);
    }

    /** Whether no user is defined. */
    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** Writes the file atomically, owner-readable only where supported. */
    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Sediment server users (sediment passwd). Format: user:pbkdf2-sha256$iterations$salt$hash");
        users.forEach((u, h) -> lines.add(u + ":" + h.encode()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".users", ".tmp");
        try {
            restrict(tmp);
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions protect the file.
        }
    }
}
