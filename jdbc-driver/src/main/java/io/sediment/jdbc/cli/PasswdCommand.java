package io.sediment.jdbc.cli;

import io.sediment.jdbc.server.PasswordHash;
import io.sediment.jdbc.server.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sediment passwd}: adds, changes or removes a user in the server's users file. The
 * password is read from the terminal (twice) or, with {@code --password-stdin}, from the first
 * line of standard input; only its PBKDF2 hash is written.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
    description = {"Add or change (or --delete) a user in a server users file.",
        "Passwords are stored as salted PBKDF2-HMAC-SHA256 hashes, never in clear."})
final class PasswdCommand implements Callable<Integer> {
    @Option(names = "--users", required = true, description = "The users file (created if missing).")
    Path users;

    @Parameters(paramLabel = "USER", description = "The user name.")
    String user;

    @Option(names = "--delete", description = "Remove the user instead.")
    boolean delete;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--iterations", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
        description = "PBKDF2 iterations. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Override
    public Integer call() throws Exception {
        UsersFile file = UsersFile.readOrEmpty(users);
        if (delete) {
            if (!file.remove(user)) {
                System.err.println("no user " + user + " in " + users);
                return 1;
            }
            file.write(users);
            System.err.println("Removed " + user + " from " + users);
            return 0;
        }
        char[] password = readPassword();
        if (password == null || password.length == 0) {
            System.err.println("empty password refused");
            return 1;
        }
        file.put(user, PasswordHash.create(password, iterations)).write(users);
        Arrays.fill(password, '\0');
        System.err.println("Set the password of " + user + " in " + users);
        return 0;
    }

    private char[] readPassword() throws Exception {
        Console console = System.console();
        if (passwordStdin || console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine();
            return line == null ? null : line.toCharArray();
        }
        char[] first = console.readPassword("Password for %s: ", user);
        char[] again = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, again)) {
            System.err.println("passwords differ");
            return null;
        }
        return first;
    }
}
