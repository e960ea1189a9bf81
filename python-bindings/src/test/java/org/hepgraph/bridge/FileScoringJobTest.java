package org.hepgraph.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.ToyJets;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.hdf5.JetHdf5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code Detector.score_file} from the Java side: one chunk per {@link
 * FileScoringJob#stepJson} call, the CSV of every row, and a source that does not stream refused.
 */
class FileScoringJobTest {

    private final HepgraphEntryPoint ep = new HepgraphEntryPoint();

    @Test
    void scoresOneChunkPerStepIntoTheCsv(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("jets.h5");
        JetHdf5.write(h5, ToyJets.builder().optSeed(2).build().generate(23));
        Path csv = dir.resolve("s.csv");
        try (DetectorHandle d = ep.createDetector("ocgin", Map.of("epochs", "1", "hidden", "4"))) {
            var train = DatasetSources.open("h5:" + h5, Map.of("k", "3"));
            d.detector().fit(train.graphs());
            FileScoringJob job =
                    ep.scoreFile(d, null, "h5:" + h5, Map.of("k", "3"), csv.toString(), 10, null);
            assertTrue(job.stepJson().contains("\"done\":10"));
            assertTrue(job.stepJson().contains("\"done\":20"));
            String last = job.stepJson();
            assertTrue(last.contains("\"done\":23") && last.contains("\"finished\":true"), last);
            String result = job.resultJson();
            assertTrue(result.contains("\"rows\":23"), result);
            assertTrue(
                    result.contains("\"labelled\":true") && result.contains("\"auc\":0."), result);
            List<String> lines = Files.readAllLines(csv);
            assertEquals(24, lines.size());
            assertEquals("row,label,score", lines.getFirst());
            assertTrue(lines.get(23).startsWith("22,"), lines.get(23));
            job.close();
        }
    }

    @Test
    void aSourceThatDoesNotStreamIsRefused(@TempDir Path dir) {
        try (DetectorHandle d = ep.createDetector("ocgin", Map.of("epochs", "1"))) {
            InvalidArgumentException e =
                    assertThrows(
                            InvalidArgumentException.class,
                            () ->
                                    ep.scoreFile(
                                            d,
                                            null,
                                            "toy:jets=5",
                                            Map.of(),
                                            dir.resolve("s.csv").toString(),
                                            10,
                                            null));
            assertTrue(e.getMessage().contains("does not stream in chunks"), e.getMessage());
        }
    }
}
