package org.hepgraph.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.hepgraph.HepgraphException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hepgraph} command line: {@code demo}, {@code train}, {@code score}, {@code benchmark},
 * {@code models}, {@code info}, {@code run} (a Python script under GraalPy). Launched by {@code
 * bin/hepgraph}, which adds the JVM flags and DJL's offline settings.
 */
@Command(
        name = "hepgraph",
        mixinStandardHelpOptions = true,
        versionProvider = HepgraphCli.Version.class,
        description = "Graph-level anomaly detection on particle-collision data.",
        subcommands = {
            DemoCommand.class,
            TrainCommand.class,
            ScoreCommand.class,
            BenchmarkCommand.class,
            InfoCommand.class,
            ModelsCommand.class,
            RunCommand.class,
            CommandLine.HelpCommand.class
        })
public final class HepgraphCli {

    private HepgraphCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code: 2 for bad input (a HepgraphException, an
     * argument picocli cannot parse) and for a file that cannot be read or written; anything else
     * is a bug, reported with its stack trace.
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new HepgraphCli());
        // hepgraph run script.py --out x: options after the script are the script's own
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    if (e instanceof HepgraphException he) {
                        cmd.getErr()
                                .println("hepgraph: error [" + he.code() + "] " + he.getMessage());
                        return 2;
                    }
                    IOException io =
                            e instanceof IOException x
                                    ? x
                                    : e instanceof UncheckedIOException u ? u.getCause() : null;
                    if (io != null) {
                        cmd.getErr()
                                .println(
                                        "hepgraph: error [HG-IO] "
                                                + io
                                                + "; check the path, its permissions and the free"
                                                + " disk space");
                        return 2;
                    }
                    throw e;
                });
        return cli.execute(args);
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hepgraph " + org.hepgraph.detectors.DetectorIO.version()};
        }
    }
}
