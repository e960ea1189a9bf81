package org.hepgraph.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.graalpy.GraalPyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hepgraph run script.py [args]}: the script runs inside this JVM through GraalPy, with the
 * same {@code hepgraph} package CPython uses ({@link GraalPyRunner}). Everything after the script
 * goes to it as {@code sys.argv[1:]}, options included.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a Python script inside this JVM (GraalPy 25.0.3, no CPython, no Py4J); the script"
                    + " uses the same 'import hepgraph' API. Arguments after the script go to it"
                    + " as sys.argv[1:].",
            "Exit code: the script's own, 1 for an uncaught Python exception, 2 when the script"
                    + " is missing."
        })
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the Python file to run")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments for the script")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            return GraalPyRunner.run(script, args);
        } catch (NoClassDefFoundError e) {
            if (!String.valueOf(e.getMessage()).contains("org/graalvm")) {
                throw e;
            }
            // the Python wheel leaves GraalPy's jars out (about 170 MB no CPython session needs)
            throw new InvalidArgumentException(
                    "hepgraph run: GraalPy is not on this class path ("
                            + e.getMessage()
                            + "); the Python wheel leaves its jars out. Run scripts with"
                            + " bin/hepgraph of a source checkout (./mvnw -DskipTests package), or"
                            + " with CPython: python "
                            + script);
        }
    }
}
