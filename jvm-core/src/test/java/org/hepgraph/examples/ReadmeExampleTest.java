package org.hepgraph.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hepgraph.data.Graph;
import org.hepgraph.data.ToyJets;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.train.Devices;
import org.hepgraph.train.ProgressListener;
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
        Map<String, String> settings = Map.of("aggregation", "mean", "epochs", "3");
        try (AnomalyDetector detector = Detectors.create("gae", settings, Devices.preferred())) {
            detector.fit(train, new ProgressListener(System.err, "train gae"));
            float[] scores = detector.score(test);
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
