package org.hepgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hepgraph run}: the script's arguments and exit code, a Python traceback with exit code 1,
 * a missing script with exit code 2. Two GraalPy contexts in one JVM (the first takes seconds,
 * interpreted); the package itself is checked from Python (test_graalpy_run.py).
 */
class RunCommandTest {

    @TempDir Path dir;

    @Test
    void aMissingScriptExitsWith2AndSaysWhichFile() {
        Path missing = dir.resolve("nowhere.py");
        CliRun.Result r = CliRun.run("run", missing.toString(), "--flag");
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("no Python script at " + missing), r.output());
        assertFalse(r.output().contains("\tat "), r.output());
    }

    @Test
    void theScriptGetsItsArgumentsAndItsExitCodeIsReturned() throws IOException {
        Path ok = dir.resolve("ok.py");
        Files.writeString(
                ok,
                """
                import sys
                import hepgraph
                print("impl", sys.implementation.name, sys.argv[1:], hepgraph.__name__)
                sys.exit(3)
                """);
        CliRun.Result r = CliRun.run("run", ok.toString(), "--out", "x.csv", "-k", "7");
        assertEquals(3, r.code(), r.output());
        assertTrue(
                r.output().contains("impl graalpy ['--out', 'x.csv', '-k', '7'] hepgraph"),
                r.output());

        Path bad = dir.resolve("bad.py");
        Files.writeString(bad, "def f():\n    return 1 / 0\n\nf()\n");
        CliRun.Result b = CliRun.run("run", bad.toString());
        assertEquals(1, b.code(), b.output());
        assertTrue(b.output().contains("Traceback (most recent call last):"), b.output());
        assertTrue(b.output().contains("bad.py\", line 2, in f"), b.output());
        assertTrue(b.output().contains("ZeroDivisionError: division by zero"), b.output());
        assertFalse(b.output().contains("\tat "), b.output());
    }
}
