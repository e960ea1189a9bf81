package org.hepgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hepgraph.data.ToyJets;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.experiments.Benchmark;
import org.hepgraph.experiments.BenchmarkResult;
import org.hepgraph.experiments.Fold;
import org.hepgraph.experiments.ScoreTable;
import org.hepgraph.experiments.Splits;
import org.hepgraph.io.hdf5.JetHdf5;
import org.hepgraph.train.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "data sets and experiments" example, with smaller sizes. */
class ReadmeDataExampleTest {

    @Test
    void theReadmeExampleRuns(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("jets.h5");
        JetHdf5.write(h5, ToyJets.builder().optSeed(1).build().generate(80));
        Path scores = dir.resolve("scores.csv");

        Dataset jets = DatasetSources.open("h5:" + h5, Map.of("k", "16"));
        Fold fold = Splits.fold(jets, Splits.Options.defaults(), 0);
        try (AnomalyDetector d =
                        Detectors.create("ocgin", Map.of("epochs", "1"), Devices.preferred());
                Writer csv = Files.newBufferedWriter(scores)) {
            d.fit(fold.train());
            ScoreTable.write(csv, jets, fold, d.score(fold.test()));
        }
        Dataset mutag = DatasetSources.open("tu:MUTAG", Map.of());
        BenchmarkResult result =
                Benchmark.builder()
                        .setDataset(
                                mutag,
                                Splits.crossValidation(
                                        mutag, new Splits.Options(2, 0L, null, null)))
                        .addDetector("ocgin", Map.of("epochs", "1"))
                        .addDetector("size", Map.of())
                        .build()
                        .run();

        List<String> lines = Files.readAllLines(scores);
        assertEquals(81, lines.size());
        assertEquals("row,label,score", lines.get(0));
        assertEquals(List.of("ocgin", "size"), List.copyOf(result.aucs().keySet()));
        assertTrue(result.toMarkdown().render().contains("| tu:MUTAG | size "));
        assertEquals(2, result.folds());
    }
}
