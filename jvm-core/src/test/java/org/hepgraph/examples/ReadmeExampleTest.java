package org.hepgraph.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.data.Graph;
import org.hepgraph.data.ToyJets;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.models.ModelConfig;
import org.hepgraph.train.Detector;
import org.hepgraph.train.Devices;
import org.hepgraph.train.Trainer;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;
import org.junit.jupiter.api.Test;

/** The Java example of the README, kept compiling and running (smaller sizes). */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        // --- README example starts
        KnnGraph knn = KnnGraph.deltaR(16).optNodeFeatures(JetNodeFeatures.RELATIVE);
        ToyJets toy = ToyJets.builder().optSeed(1).build();
        List<Graph> train;
        List<Graph> test = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            train = knn.toGraphs(m, toy.background(400)); // normal jets only
            test.addAll(knn.toGraphs(m, toy.background(200)));
            test.addAll(knn.toGraphs(m, toy.signal(200))); // labels ride along in Graph.y()
        }
        ModelConfig config = new ModelConfig("gae", 7, 32, 3, 4, 0, "mean");
        try (Detector detector = Detector.create(config, Devices.preferred())) {
            Trainer.builder().optEpochs(3).optProgress(System.err).build().fit(detector, train);
            float[] scores = detector.score(test, 256);
            int[] labels = test.stream().mapToInt(Graph::y).toArray();
            double auc = RocCurve.of(scores, labels).auc();
            // --- README example ends
            // Too small to learn much: check that it ran to a valid figure, one score per jet.
            assertEquals(test.size(), scores.length);
            assertTrue(auc >= 0 && auc <= 1, "AUC " + auc);
            for (float s : scores) {
                assertTrue(Float.isFinite(s));
            }
        }
    }
}
