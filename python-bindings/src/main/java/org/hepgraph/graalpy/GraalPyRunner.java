package org.hepgraph.graalpy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.bridge.HepgraphEntryPoint;

/**
 * Runs a Python script inside this JVM with GraalPy 25.0.3 (interpreted, on the classpath), with
 * the pure-Python {@code hepgraph} package on its path: {@code hepgraph run script.py [args]}.
 *
 * <p>The script is trusted as {@code python script.py} would be: it may read and write files, start
 * threads and processes, read the environment, and use {@code ctypes} (native access), which is how
 * tensors cross without a copy. Java objects are reached through the polyglot binding {@value
 * InProcessBridge#BINDING} ({@link InProcessBridge}, which gives the same {@link
 * HepgraphEntryPoint} the Py4J gateway serves); {@code java.type} lookups are limited to {@code
 * org.hepgraph.*}. Public members of the objects handed over are callable, as over Py4J (explicit
 * {@code @HostAccess.Export} annotations would have to go into jvm-core and arrow-io, which must
 * not know GraalPy).
 *
 * <p>Exit codes: the script's own ({@code sys.exit(n)}; 0 when it ends), 1 for an uncaught Python
 * exception (its traceback on stderr, as CPython prints it), 130 for Ctrl-C, 2 when the script or
 * the package cannot be found.
 */
public final class GraalPyRunner {

    /**
     * The launcher run inside the context: puts the script's folder first on {@code sys.path} (as
     * {@code python script.py} does), runs the script as {@code __main__}, and turns its end into
     * an exit code, printing an uncaught exception as CPython does (without this launcher's frame).
     */
    private static final String LAUNCHER =
            """
            def _hepgraph_run(script):
                import os, sys, traceback
                sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
                g = {"__name__": "__main__", "__file__": script, "__builtins__": __builtins__}
                try:
                    with open(script, "rb") as f:
                        code = compile(f.read(), script, "exec")
                    exec(code, g)
                    return 0
                except SystemExit as e:
                    c = e.code
                    if c is None:
                        return 0
                    if isinstance(c, int):
                        return c
                    print(c, file=sys.stderr)
                    return 1
                except KeyboardInterrupt:
                    traceback.print_exc()
                    return 130
                except BaseException as e:
                    traceback.print_exception(type(e), e, e.__traceback__.tb_next)
                    return 1
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
            _hepgraph_run
            """;

    private GraalPyRunner() {}

    /**
     * Runs {@code script} with {@code args} as {@code sys.argv[1:]} and returns its exit code.
     *
     * @throws InvalidArgumentException when the script is not a readable file or the package is not
     *     found (the CLI turns that into exit code 2)
     */
    public static int run(Path script, List<String> args) {
        if (!Files.isRegularFile(script)) {
            throw new InvalidArgumentException(
                    "hepgraph run: no Python script at "
                            + script.toAbsolutePath()
                            + "; give the path of a .py file, e.g. hepgraph run"
                            + " examples/score_tu.py OUT.csv");
        }
        Path packageRoot = packageRoot();
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(args);
        Timing timing = new Timing(System.getenv("HEPGRAPH_RUN_TIMING") != null);
        try (Context context = context(packageRoot, argv)) {
            timing.mark("context built");
            InProcessBridge bridge = new InProcessBridge(new HepgraphEntryPoint());
            context.getPolyglotBindings().putMember(InProcessBridge.BINDING, bridge);
            Value launcher =
                    context.eval(
                            Source.newBuilder("python", LAUNCHER, "<hepgraph run>").buildLiteral());
            timing.mark("first eval (launcher)");
            int code = launcher.execute(script.toString()).asInt();
            timing.mark("script");
            return code;
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            throw e;
        }
    }

    /** The GraalPy context of one run: see the class doc for what it allows and why. */
    static Context context(Path packageRoot, List<String> argv) {
        HostAccess access =
                HostAccess.newBuilder(HostAccess.EXPLICIT)
                        .allowPublicAccess(true)
                        .allowArrayAccess(true)
                        .allowListAccess(true)
                        .allowBufferAccess(true)
                        .allowMapAccess(true)
                        .allowIterableAccess(true)
                        .allowIteratorAccess(true)
                        .build();
        return Context.newBuilder("python")
                .allowHostAccess(access)
                .allowPolyglotAccess(PolyglotAccess.ALL)
                .allowHostClassLookup(name -> name.startsWith("org.hepgraph."))
                .allowNativeAccess(true)
                .allowIO(IOAccess.ALL)
                .allowCreateThread(true)
                .allowCreateProcess(true)
                .allowEnvironmentAccess(EnvironmentAccess.INHERIT)
                .option("python.PythonPath", packageRoot.toString())
                .option("python.ForceImportSite", "false")
                .option("engine.WarnInterpreterOnly", "false")
                .arguments("python", argv.toArray(String[]::new))
                .out(System.out)
                .err(System.err)
                .in(System.in)
                .build();
    }

    /**
     * The folder that holds the {@code hepgraph} package: $HEPGRAPH_PYTHONPATH, else found from
     * this jar: {@code python-bindings/python} in a source checkout ({@code target/hepgraph.jar}),
     * or {@code site-packages} in an installed wheel ({@code hepgraph/jars/hepgraph.jar}).
     */
    static Path packageRoot() {
        List<Path> tried = new ArrayList<>();
        String env = System.getenv("HEPGRAPH_PYTHONPATH");
        if (env != null && !env.isBlank()) {
            tried.add(Path.of(env));
        }
        Path jarDir = jarDir();
        if (jarDir != null) {
            tried.add(jarDir.resolveSibling("python")); // python-bindings/target -> python
            tried.add(jarDir.getParent() == null ? jarDir : jarDir.getParent().getParent());
        }
        for (Path p : tried) {
            if (p != null && Files.isRegularFile(p.resolve("hepgraph").resolve("__init__.py"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new InvalidArgumentException(
                "hepgraph run: the Python package 'hepgraph' was not found; looked in "
                        + tried
                        + ". Set HEPGRAPH_PYTHONPATH to the folder that holds hepgraph/__init__.py"
                        + " (python-bindings/python in a checkout)");
    }

    private static Path jarDir() {
        try {
            Path code =
                    Path.of(
                            GraalPyRunner.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            return code.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /**
     * With $HEPGRAPH_RUN_TIMING set, one stderr line per step: wall and process CPU seconds since
     * the previous step (the first since the JVM started), for docs/graalpy.md.
     */
    private static final class Timing {
        private final boolean on;
        private long wall =
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        private long cpu;

        Timing(boolean on) {
            this.on = on;
            mark("JVM start to hepgraph run");
        }

        void mark(String step) {
            if (!on) {
                return;
            }
            long w = System.currentTimeMillis();
            long c =
                    ((com.sun.management.OperatingSystemMXBean)
                                    java.lang.management.ManagementFactory
                                            .getOperatingSystemMXBean())
                            .getProcessCpuTime();
            System.err.printf(
                    "hepgraph run timing: %-26s wall %6.2f s, cpu %6.2f s%n",
                    step, (w - wall) / 1e3, (c - cpu) / 1e9);
            wall = w;
            cpu = c;
        }
    }
}
