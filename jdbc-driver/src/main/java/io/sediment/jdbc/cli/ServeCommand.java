package io.sediment.jdbc.cli;

import io.sediment.jdbc.server.EmbeddedSource;
import io.sediment.jdbc.server.SedimentServer;
import io.sediment.jdbc.server.ServerSettings;
import io.sediment.jdbc.server.UsersFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sediment serve}: the Avatica JDBC server on one database directory, until Ctrl-C or
 * SIGTERM, which shut it down cleanly (in-flight statements finish, the memtable is flushed,
 * the WAL is closed).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a database over JDBC (Avatica, PROTOBUF serialization).",
        "Binds 127.0.0.1 by default. Any other address needs --users (HTTP BASIC) — and should",
        "have --keystore (TLS) — or an explicit --insecure. Ctrl-C or SIGTERM stops it cleanly.",
        "Clients connect with jdbc:sediment:remote:url=http://HOST:PORT"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "./sediment-data",
        description = "Database directory. Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--port", defaultValue = "" + ServerSettings.DEFAULT_PORT,
        description = "Port (0 picks a free one). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
        description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--users", description = "Users file (made with `sediment passwd`); "
        + "requires HTTP BASIC authentication for every request.")
    Path users;

    @Option(names = "--insecure",
        description = "Allow a non-loopback --bind without --users (anyone who can reach the "
            + "port can read and change all data).")
    boolean insecure;

    @Option(names = "--keystore", description = "PKCS12 (or .jks) keystore with the server's key "
        + "and certificate: serve HTTPS.")
    Path keystore;

    @Option(names = "--keystore-password", arity = "0..1", interactive = true,
        description = "Keystore password; prompted for when given without a value. Default: "
            + "the SEDIMENT_KEYSTORE_PASSWORD environment variable.")
    String keystorePassword;

    @Option(names = "--max-request-bytes", defaultValue = "16777216",
        description = "Largest request body accepted (HTTP 413 beyond). Default: ${DEFAULT-VALUE}")
    long maxRequestBytes;

    @Option(names = "--max-connections", defaultValue = "256",
        description = "Most concurrent HTTP connections. Default: ${DEFAULT-VALUE}")
    int maxConnections;

    @Option(names = "--statement-timeout", defaultValue = "0", paramLabel = "SECONDS",
        description = "Fail a statement still reading rows this many seconds after it started, releasing what it"
            + " holds (0 = no limit; clients' own query timeouts and cancel do not reach the server). Default: ${DEFAULT-VALUE}")
    int statementTimeoutSeconds;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
        description = "The only directory CALL SYS.CHECKPOINT may write into (relative targets resolve there)."
            + " Default: a directory named checkpoints beside the database directory")
    Path checkpointDir;

    @Override
    public Integer call() throws Exception {
        if (statementTimeoutSeconds < 0) {
            System.err.println("sediment serve: --statement-timeout must be 0 (none) or positive");
            return 2;
        }
        ServerSettings settings = new ServerSettings().port(port).bind(bind).insecure(insecure)
            .maxRequestBytes(maxRequestBytes).maxHttpConnections(maxConnections);
        if (users != null) {
            settings.users(UsersFile.read(users));
        }
        if (keystore != null) {
            String pw = keystorePassword != null ? keystorePassword
                : System.getenv("SEDIMENT_KEYSTORE_PASSWORD");
            if (pw == null) {
                System.err.println("--keystore needs --keystore-password or "
                    + "SEDIMENT_KEYSTORE_PASSWORD");
                return 2;
            }
            settings.tls(keystore, pw);
        }
        try {
            SedimentServer.check(settings);
        } catch (IllegalArgumentException e) {
            System.err.println("sediment serve: " + e.getMessage());
            return 2;
        }
        SedimentServer server = SedimentServer.start(new EmbeddedSource(dir, statementTimeoutSeconds, checkpointDir), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Shutting down: finishing in-flight statements, flushing, closing.");
            try {
                server.close();
                System.err.println("Stopped cleanly.");
            } catch (Exception e) {
                System.err.println("Shutdown failed: " + e);
            }
        }, "sediment-shutdown"));
        System.err.println("Serving " + server.describe());
        System.err.println("Connect with: bin/sediment sql --url '" + server.jdbcUrl() + "'");
        System.err.println("Press Ctrl-C to stop.");
        server.awaitClose();
        return 0;
    }
}
