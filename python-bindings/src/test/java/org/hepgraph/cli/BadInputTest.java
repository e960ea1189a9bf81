package org.hepgraph.cli;

import static org.hepgraph.cli.CliRun.run;
import static org.hepgraph.cli.CliRun.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hepgraph.cli.CliRun.Result;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.io.hdf5.JetHdf5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input ends with exit code 2 and a message naming the input, the value and the fix —
 * never a stack trace, never exit 0.
 */
class BadInputTest {

    private static void assertRefused(Result r, String... needles) {
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("hepgraph: error ["), r.output());
        assertFalse(r.output().contains("\tat "), "no stack trace: " + r.output());
        for (String n : needles) {
            assertTrue(r.output().contains(n), "'" + n + "' in: " + r.output());
        }
    }

    @Test
    void argumentsPicocliCannotParse() {
        CliRun.Result r = run("train", "--jets", "many");
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("'--jets'") && r.output().contains("many"), r.output());
        assertFalse(r.output().contains("\tat "), r.output());
    }

    @Test
    void zeroToyJets() {
        assertRefused(run("train", "--jets", "0"), "jets = 0", "at least 1");
    }

    @Test
    void zeroDemoJetsAndADemoKAboveTheParticles(@TempDir Path dir) {
        String out = dir.resolve("out").toString();
        assertRefused(
                run("demo", "--train-jets", "0", "--out", out), "demo --train-jets holds no jets");
        assertRefused(
                run("demo", "--test-jets", "0", "--out", out), "demo --test-jets holds no jets");
        assertRefused(run("demo", "--train-jets", "20", "--k", "64", "--out", out), "--k 64");
    }

    @Test
    void outputInAMissingFolderIsRefusedBeforeTraining(@TempDir Path dir) {
        Path out = dir.resolve("no/such/folder/m.hgmodel");
        Result r = run("train", "--jets", "50", "-o", out.toString());
        assertRefused(r, "-o", "does not exist", "mkdir -p");
        assertFalse(r.output().contains("epoch"), "refused before training: " + r.output());
    }

    @Test
    void outputThatIsADirectory(@TempDir Path dir) {
        assertRefused(run("train", "--jets", "50", "-o", dir.toString()), "is a directory");
    }

    @Test
    void csvInAMissingFolderIsRefusedBeforeScoring(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.hgmodel");
        Files.writeString(model, "not used: the csv is checked first");
        assertRefused(
                run(
                        "score",
                        "-m",
                        model.toString(),
                        "--csv",
                        dir.resolve("missing/scores.csv").toString()),
                "--csv",
                "does not exist");
    }

    @Test
    void demoOutThatIsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertRefused(run("demo", "--out", file.toString()), "--out", "is a file");
    }

    @Test
    void benchmarkJsonInAMissingFolder(@TempDir Path dir) {
        assertRefused(
                run(
                        "benchmark",
                        "--dataset",
                        "tu:MUTAG",
                        "--json",
                        dir.resolve("missing/r.json").toString()),
                "--json",
                "does not exist");
    }

    @Test
    void aDirectoryWhereAFileIsExpected(@TempDir Path dir) {
        assertRefused(run("train", "--dataset", "h5:" + dir), "is a directory");
        assertRefused(run("score", "-m", dir.toString()), "is a directory");
        assertRefused(run("info", dir.toString()), "is a directory");
    }

    @Test
    void aJetWithoutParticles(@TempDir Path dir) {
        PaddedParticles jets = ToyJets.builder().optSeed(1).build().generate(20);
        int[] counts = jets.counts().clone();
        counts[7] = 0;
        float[] v = jets.values().clone();
        java.util.Arrays.fill(v, 7 * jets.maxParticles() * 4, 8 * jets.maxParticles() * 4, 0f);
        Path h5 = dir.resolve("hole.h5");
        JetHdf5.write(
                h5,
                new PaddedParticles(
                        20, jets.maxParticles(), 4, v, counts, jets.labels(), jets.featureNames()));
        assertRefused(run("train", "--dataset", "h5:" + h5), "row) 7 has 0 particles");
    }

    @Test
    void nanAndInfinityInTheParticles(@TempDir Path dir) {
        Path h5 = dir.resolve("bad.h5");
        withValue(h5, Float.NaN); // jet 3, particle 1, phi
        assertRefused(
                run("train", "--dataset", "h5:" + h5), "row) 3, particle 1, feature 'phi' is NaN");
        withValue(h5, Float.POSITIVE_INFINITY);
        assertRefused(run("train", "--dataset", "h5:" + h5), "is Infinity");
    }

    /** Writes 20 toy jets to {@code h5} with phi of particle 1 of jet 3 set to {@code value}. */
    private static void withValue(Path h5, float value) {
        PaddedParticles jets = ToyJets.builder().optSeed(1).build().generate(20);
        float[] v = jets.values().clone();
        v[(3 * jets.maxParticles() + 1) * 4 + 2] = value;
        JetHdf5.write(
                h5,
                new PaddedParticles(
                        20,
                        jets.maxParticles(),
                        4,
                        v,
                        jets.counts(),
                        jets.labels(),
                        jets.featureNames()));
    }

    @Test
    void kLargerThanTheParticles() {
        assertRefused(run("train", "--jets", "20", "--k", "500"), "--k 500", "give --k below");
    }

    @Test
    void unknownDatasetNamesListThoseThatExist() {
        assertRefused(run("train", "--dataset", "tu:AIDZ"), "'AIDZ'", "AIDS, ENZYMES, MUTAG");
        assertRefused(run("benchmark", "--dataset", "tu:NO_SUCH_SET"), "NO_SUCH_SET", "MUTAG");
    }

    @Test
    void unknownSchemesListTheRegisteredOnes() {
        assertRefused(
                run("train", "--dataset", "parquet:whatever"),
                "parquet:whatever",
                "h5:FILE",
                "tu:NAME");
    }

    @Test
    void badTrainRowsAndLabels(@TempDir Path dir) {
        Path h5 =
                UsersDataTest.unlabelledFile(
                        dir, ToyJets.builder().optSeed(2).build().generate(30));
        assertRefused(
                run("train", "--dataset", "h5:" + h5, "--train-rows", "10-20"),
                "--train-rows '10-20'");
        assertRefused(
                run("train", "--dataset", "h5:" + h5, "--train-rows", "0:500"),
                "outside the 30 rows");
        assertRefused(run("train", "--dataset", "h5:" + h5, "--train-label", "0"), "has no labels");
    }

    /** A TU folder of 8 graphs (triangles and paths), labels 0/1, in {@code root/NAME}. */
    static Path tuFolder(Path root, String name, boolean nodeLabels, String labels)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        StringBuilder a = new StringBuilder();
        StringBuilder ind = new StringBuilder();
        StringBuilder nl = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            int b = 3 * g + 1;
            a.append(b).append(", ").append(b + 1).append('\n');
            a.append(b + 1).append(", ").append(b).append('\n');
            a.append(b + 1).append(", ").append(b + 2).append('\n');
            a.append(b + 2).append(", ").append(b + 1).append('\n');
            for (int i = 0; i < 3; i++) {
                ind.append(g + 1).append('\n');
                nl.append(i % 2).append('\n');
            }
        }
        Files.writeString(dir.resolve(name + "_A.txt"), "\uFEFF" + a); // with a UTF-8 BOM
        Files.writeString(dir.resolve(name + "_graph_indicator.txt"), ind.toString());
        Files.writeString(dir.resolve(name + "_graph_labels.txt"), labels);
        if (nodeLabels) {
            Files.writeString(dir.resolve(name + "_node_labels.txt"), "\uFEFF" + nl);
        }
        return dir;
    }

    @Test
    void aByteOrderMarkInATuFileIsAccepted(@TempDir Path root) throws IOException {
        Path dir = tuFolder(root, "BOM", true, "0\n1\n0\n1\n0\n1\n0\n1\n");
        Result r = train("tu:" + dir, root.resolve("m.hgmodel"), "--folds", "2");
        assertEquals(0, r.code(), r.output());
    }

    @Test
    void aTuSetWithoutNodeFeaturesTrainsOnAConstantFeature(@TempDir Path root) throws IOException {
        Path dir = tuFolder(root, "BARE", false, "0\n1\n0\n1\n0\n1\n0\n1\n");
        Path model = root.resolve("m.hgmodel");
        Result r = train("tu:" + dir, model, "--folds", "2");
        assertEquals(0, r.code(), r.output());
        Result info = run("info", model.toString());
        assertTrue(info.output().contains("node_features = tu-constant"), info.output());
    }

    @Test
    void aTuSetWhoseTrainingPartHoldsOneClass(@TempDir Path root) throws IOException {
        Path dir = tuFolder(root, "ONE", true, "1\n1\n1\n1\n1\n1\n1\n1\n");
        assertRefused(run("train", "--dataset", "tu:" + dir, "--folds", "2"), "no normal class");
    }
}
