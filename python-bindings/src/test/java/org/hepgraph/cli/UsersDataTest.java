package org.hepgraph.cli;

import static org.hepgraph.cli.CliRun.run;
import static org.hepgraph.cli.CliRun.score;
import static org.hepgraph.cli.CliRun.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hepgraph.cli.CliRun.Result;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.io.hdf5.JetHdf5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own jet file, with or without labels, through train, score and info. */
class UsersDataTest {

    /** Writes {@code jets} as h5py would: particles only, plus an event-number column. */
    static Path unlabelledFile(Path dir, PaddedParticles jets) {
        Path file = dir.resolve("unlabelled.h5");
        float[][][] nested = new float[jets.numJets()][jets.maxParticles()][jets.numFeatures()];
        long[] eventId = new long[jets.numJets()];
        for (int i = 0; i < jets.numJets(); i++) {
            eventId[i] = 1000 + 7L * i;
            for (int p = 0; p < jets.maxParticles(); p++) {
                for (int f = 0; f < jets.numFeatures(); f++) {
                    nested[i][p][f] = jets.get(i, p, f);
                }
            }
        }
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putAttribute("features", "pt,eta,phi,e");
            out.putDataset("particles", nested);
            out.putDataset("event_id", eventId);
        }
        return file;
    }

    @Test
    void anUnlabelledFileTrainsOnEveryRowAndScoresEveryRowWithItsIds(@TempDir Path dir)
            throws Exception {
        Path h5 = unlabelledFile(dir, ToyJets.builder().optSeed(5).build().generate(120));
        Path model = dir.resolve("m.hgmodel");
        Result t = train("h5:" + h5, model);
        assertEquals(0, t.code(), t.output());
        assertTrue(t.output().contains("on 120 graphs"), t.output());

        Path csv = dir.resolve("s.csv");
        Result s = score("h5:" + h5, model, csv);
        assertEquals(0, s.code(), s.output());
        assertTrue(s.output().contains("scored 120 graphs"), s.output());
        assertFalse(s.output().contains("AUC"), s.output());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(121, lines.size());
        assertEquals("row,event_id,score", lines.get(0));
        assertTrue(lines.get(1).startsWith("0,1000,"), lines.get(1));
        assertTrue(lines.get(120).startsWith("119,1833,"), lines.get(120));

        Result info = run("info", model.toString());
        assertEquals(0, info.code(), info.output());
        assertTrue(info.output().contains("kind:   ocgin"), info.output());
        assertTrue(info.output().contains("k = 16"), info.output());
        assertTrue(info.output().contains("node_features = relative"), info.output());
        assertTrue(info.output().contains("dataset = h5:" + h5), info.output());
    }

    @Test
    void aLabelledFileTrainsOnTheChosenRowsAndScoresEveryRowWithAuc(@TempDir Path dir) {
        Path h5 = dir.resolve("jets.h5");
        JetHdf5.write(h5, ToyJets.builder().optSeed(3).build().generate(200));
        Path model = dir.resolve("m.hgmodel");
        Result t = train("h5:" + h5, model, "--train-rows", "0:100", "--train-label", "0");
        assertEquals(0, t.code(), t.output());
        Path csv = dir.resolve("s.csv");
        Result s = score("h5:" + h5, model, csv);
        assertEquals(0, s.code(), s.output());
        assertTrue(
                s.output().contains("scored 200 graphs") && s.output().contains("AUC"), s.output());
        assertTrue(s.output().contains("this AUC is optimistic"), s.output());
    }

    @Test
    void aTuModelRefusesAnotherTuSetNamingBothLayouts(@TempDir Path dir) {
        Path model = dir.resolve("mutag.hgmodel");
        Result t = train("tu:MUTAG", model, "--folds", "2");
        assertEquals(0, t.code(), t.output());
        Result s = score("tu:AIDS", model, dir.resolve("s.csv"));
        assertEquals(2, s.code(), s.output());
        assertTrue(
                s.output().contains("trained on tu:MUTAG with 7 tu-onehot")
                        && s.output().contains("tu:AIDS has 42 tu-onehot"),
                s.output());
    }

    @Test
    void infoReadsAModelSavedBeforeRecipesExisted(@TempDir Path dir) throws Exception {
        Path v1 = dir.resolve("v1.hgmodel");
        try (var in = UsersDataTest.class.getResourceAsStream("/models/ocgin-format-v1.hgmodel")) {
            Files.copy(in, v1);
        }
        Result info = run("info", v1.toString());
        assertEquals(0, info.code(), info.output());
        assertTrue(info.output().contains("kind:   ocgin"), info.output());
        assertTrue(info.output().contains("recipe: none stored"), info.output());
    }

    @Test
    void scoreRebuildsTheSplitTheModelWasTrainedWith(@TempDir Path dir) {
        Path model = dir.resolve("m.hgmodel");
        Result t = train("tu:MUTAG", model, "--folds", "3", "--seed", "2");
        assertEquals(0, t.code(), t.output());
        String csv = dir.resolve("s.csv").toString();
        // 188 graphs (63 of raw label -1, 125 of label 1) in 3 stratified folds: fold 0 holds 63.
        Result s = score("tu:MUTAG", model, Path.of(csv));
        assertEquals(0, s.code(), s.output());
        assertTrue(s.output().contains("scored 63 graphs"), s.output());
        Result five = score("tu:MUTAG", model, Path.of(csv), "--folds", "5");
        assertTrue(five.output().contains("scored 38 graphs"), five.output());
    }

    @Test
    void aLabelledFileIsBenchmarkedWithStratifiedFolds(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("jets.h5");
        JetHdf5.write(h5, ToyJets.builder().optSeed(3).build().generate(60));
        Path json = dir.resolve("b.json");
        Result b =
                run(
                        "benchmark",
                        "--dataset",
                        "h5:" + h5,
                        "--model",
                        "size",
                        "--baselines",
                        "none",
                        "--folds",
                        "3",
                        "--json",
                        json.toString());
        assertEquals(0, b.code(), b.output());
        assertTrue(b.output().contains("fold 3/3"), b.output());
        String text = Files.readString(json);
        assertTrue(text.contains("\"protocol\" : \"TRAIN_TEST\""), text);
        Path unlabelled = unlabelledFile(dir, ToyJets.builder().optSeed(3).build().generate(30));
        Result refused = run("benchmark", "--dataset", "h5:" + unlabelled, "--model", "size");
        assertEquals(2, refused.code(), refused.output());
        assertTrue(refused.output().contains("has no labels"), refused.output());
    }

    @Test
    void aModelRefusesDataBuiltAnotherWayNamingBoth(@TempDir Path dir) {
        Path h5 = dir.resolve("jets.h5");
        JetHdf5.write(h5, ToyJets.builder().optSeed(3).build().generate(100));
        Path model = dir.resolve("m.hgmodel");
        Result t = train("h5:" + h5, model, "--k", "8");
        assertEquals(0, t.code(), t.output());
        String csv = dir.resolve("s.csv").toString();
        Result otherK = score("h5:" + h5, model, Path.of(csv), "--k", "16");
        assertEquals(2, otherK.code(), otherK.output());
        assertTrue(
                otherK.output().contains("k = 8") && otherK.output().contains("k = 16"),
                otherK.output());
        Result otherLayout = score("tu:MUTAG", model, Path.of(csv));
        assertEquals(2, otherLayout.code(), otherLayout.output());
        assertTrue(
                otherLayout.output().contains("7 relative node features")
                        && otherLayout.output().contains("tu:MUTAG has 7 tu-onehot"),
                otherLayout.output());
        Result sameK = score("h5:" + h5, model, Path.of(csv));
        assertEquals(0, sameK.code(), sameK.output()); // --k left out: the model's k = 8
    }
}
