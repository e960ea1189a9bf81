package org.hepgraph.cli;

import static org.hepgraph.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hepgraph.cli.CliRun.Result;
import org.hepgraph.data.ToyJets;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.io.hdf5.JetHdf5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HepgraphCliTest {

    @Test
    void demoPrintsTheTableAndWritesThePlot(@TempDir Path dir) throws Exception {
        Result r =
                run(
                        "demo",
                        "--train-jets",
                        "300",
                        "--test-jets",
                        "200",
                        "--epochs",
                        "2",
                        "--out",
                        dir.toString());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("| OCGIN") && r.output().contains("| Graph AE"), r.output());
        assertTrue(r.output().contains("jet mass (no training)"), r.output());
        assertTrue(Files.size(dir.resolve("roc.png")) > 10_000, "roc.png written");
        assertTrue(Files.readString(dir.resolve("results.md")).contains("TPR@FPR=1e-2"));
    }

    @Test
    void benchmarkOnRealDataWritesJsonWithTheSizeBaseline(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("mutag.json");
        Result r =
                run(
                        "benchmark",
                        "--dataset",
                        "tu:MUTAG",
                        "--folds",
                        "2",
                        "--epochs",
                        "2",
                        "--model",
                        "ocgin",
                        "--json",
                        json.toString());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("| tu:MUTAG | size "), r.output());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("tu:MUTAG", root.get("dataset").asText());
        assertEquals("GLOCALKD", root.get("protocol").asText());
        assertEquals(2, root.get("folds").asInt());
        assertEquals(2, root.get("auc").get("ocgin").get("per_fold").size());
        assertEquals(2, root.get("auc").get("size").get("per_fold").size());
        double mean = root.get("auc").get("size").get("mean").asDouble();
        assertTrue(mean > 0 && mean < 1, "size AUC " + mean);
        assertEquals("2", root.get("settings").get("ocgin").get("epochs").asText());
    }

    @Test
    void trainThenScoreRoundTripsThroughAModelFile(@TempDir Path dir) {
        Path model = dir.resolve("m.hgmodel");
        Path csv = dir.resolve("scores.csv");
        Result t =
                run(
                        "train",
                        "--dataset",
                        "toy",
                        "--jets",
                        "200",
                        "--epochs",
                        "2",
                        "-o",
                        model.toString());
        assertEquals(0, t.code(), t.output());
        Result s =
                run(
                        "score",
                        "--dataset",
                        "toy",
                        "--jets",
                        "200",
                        "-m",
                        model.toString(),
                        "--csv",
                        csv.toString());
        assertEquals(0, s.code(), s.output());
        assertTrue(s.output().contains("AUC"), s.output());
        assertTrue(Files.exists(csv));
    }

    @Test
    void trainsAndScoresJetsFromAnHdf5File(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("jets.h5");
        JetHdf5.write(h5, ToyJets.builder().optSeed(3).build().generate(300));
        Path model = dir.resolve("h5.hgmodel");
        Result t = run("train", "--dataset", "h5:" + h5, "--epochs", "2", "-o", model.toString());
        assertEquals(0, t.code(), t.output());
        Result s =
                run(
                        "score",
                        "--dataset",
                        "h5:" + h5,
                        "-m",
                        model.toString(),
                        "--csv",
                        dir.resolve("s.csv").toString());
        assertEquals(0, s.code(), s.output());
        assertTrue(s.output().contains("scored 300 graphs"), s.output()); // every row
        Result broken = run("train", "--dataset", "h5:" + dir.resolve("missing.h5"));
        assertEquals(2, broken.code(), broken.output());
        assertTrue(broken.output().contains("missing.h5"), broken.output());
    }

    @Test
    void badInputExitsWithCodeTwoAndAClearMessage(@TempDir Path dir) {
        Result unknown = run("benchmark", "--dataset", "tu:NO_SUCH_SET");
        assertEquals(2, unknown.code(), unknown.output());
        assertTrue(
                unknown.output().contains("NO_SUCH_SET") && unknown.output().contains("AIDS"),
                unknown.output());
        Result missingModel = run("score", "-m", dir.resolve("absent.hgmodel").toString());
        assertEquals(2, missingModel.code(), missingModel.output());
        assertTrue(missingModel.output().contains("does not exist"), missingModel.output());
        Result badSpec = run("train", "--dataset", "parquet:whatever");
        assertEquals(2, badSpec.code());
        assertTrue(badSpec.output().contains("parquet:whatever"), badSpec.output());
    }

    @Test
    void modelsListsEveryKindWithItsOptionsAndDefaults() {
        Result r = run("models");
        assertEquals(0, r.code(), r.output());
        for (String expected :
                List.of(
                        "ocgin  (OCGIN)",
                        "gae  (Graph AE)",
                        "size  (size-only)",
                        "hidden=32",
                        "layers=3",
                        "latent=4",
                        "aggregation=sum",
                        "epochs=40",
                        "patience=8",
                        "no options")) {
            assertTrue(r.output().contains(expected), expected + " in\n" + r.output());
        }
    }

    @Test
    void setReachesTheDetectorAndBadSettingsAreNamed(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("gae.hgmodel");
        Result t =
                run(
                        "train",
                        "--dataset",
                        "toy",
                        "--jets",
                        "100",
                        "--model",
                        "gae",
                        "--set",
                        "epochs=1",
                        "--set",
                        "latent=2",
                        "-o",
                        model.toString());
        assertEquals(0, t.code(), t.output());
        Map<String, String> meta;
        try (InputStream in = Files.newInputStream(model)) {
            meta = DetectorIO.readMetadata(in, model.toString());
        }
        assertEquals("gae", meta.get("config.kind"));
        assertEquals("2", meta.get("config.latent"));
        assertEquals("mean", meta.get("config.aggregation"), "jets suggest mean aggregation");
        Result unknownKey = run("train", "--model", "ocgin", "--set", "latent=2");
        assertEquals(2, unknownKey.code(), unknownKey.output());
        assertTrue(unknownKey.output().contains("unknown option 'latent'"), unknownKey.output());
        assertTrue(unknownKey.output().contains("hidden, layers"), unknownKey.output());
        Result badValue = run("train", "--model", "ocgin", "--set", "hidden=-1");
        assertEquals(2, badValue.code(), badValue.output());
        assertTrue(badValue.output().contains("hidden='-1'"), badValue.output());
        Result unknownKind = run("train", "--model", "ocgn");
        assertEquals(2, unknownKind.code(), unknownKind.output());
        assertTrue(unknownKind.output().contains("ocgin, gae"), unknownKind.output());
        Result nobody = run("benchmark", "--dataset", "tu:MUTAG", "--model", "all", "--set", "k=3");
        assertEquals(2, nobody.code(), nobody.output());
        assertTrue(nobody.output().contains("--set k is an option of none"), nobody.output());
    }
}
