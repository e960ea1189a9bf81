package org.hepgraph.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process and captures its exit code and everything it printed. */
final class CliRun {

    record Result(int code, String output) {}

    private CliRun() {}

    /**
     * {@code train --dataset DATASET -o MODEL --epochs 1 EXTRA...}: one epoch tests the data path.
     */
    static Result train(String dataset, Path model, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--dataset",
                                dataset,
                                "-o",
                                model.toString(),
                                "--epochs",
                                "1"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /** {@code score --dataset DATASET -m MODEL --csv CSV EXTRA...}. */
    static Result score(String dataset, Path model, Path csv, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "score",
                                "--dataset",
                                dataset,
                                "-m",
                                model.toString(),
                                "--csv",
                                csv.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int code = HepgraphCli.run(args);
            return new Result(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
