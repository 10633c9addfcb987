package io.sediment.jdbc.cli;

import io.sediment.jdbc.SedimentVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/sediment}: the command line of Sediment. Subcommands: {@code sql} (sqlline on an
 * embedded database or a server), {@code serve} (the JDBC server), {@code stats} (levels and
 * compactions) and {@code passwd} (the server's users file). Every subcommand has
 * {@code --help}. Exit code 0 on success, 1 on a failure, 2 on bad arguments.
 */
@Command(name = "sediment", mixinStandardHelpOptions = true,
    versionProvider = SedimentCommand.Version.class,
    description = "Sediment: an LSM-tree storage engine you query with SQL.",
    subcommands = {SqlCommand.class, ServeCommand.class, StatsCommand.class, PasswdCommand.class,
        CommandLine.HelpCommand.class})
public final class SedimentCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests, which call {@code execute}). */
    public static CommandLine commandLine() {
        return new CommandLine(new SedimentCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Sediment " + SedimentVersion.version()};
        }
    }
}
