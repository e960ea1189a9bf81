package org.hepgraph.detectors.gin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.train.TrainingHistory;
import org.junit.jupiter.api.Test;

class GinDetectorTest {

    private static final List<Graph> NORMAL = TestGraphs.rings(1, 120, 3, 0f, 0);

    private static GinDetector create(String kind, Map<String, String> settings) {
        return (GinDetector) Detectors.create(kind, settings, Device.cpu());
    }

    private static float[] weights(GinDetector d) {
        List<Float> all = new ArrayList<>();
        for (var p : d.model().getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    private static float[] trainedWeights(long seed) {
        try (GinDetector d =
                create("ocgin", Map.of("epochs", "3", "layers", "2", "seed", "" + seed))) {
            d.fit(NORMAL);
            return weights(d);
        }
    }

    @Test
    void sameSeedGivesSameWeights() {
        float[] a = trainedWeights(7);
        assertArrayEquals(a, trainedWeights(7));
        assertFalse(Arrays.equals(a, trainedWeights(8)), "another seed must change the weights");
    }

    @Test
    void thousandStepsLeaveNativeMemoryWhereItStarted() {
        List<Graph> chunk = NORMAL.subList(0, 16);
        int[] held = new int[2];
        int[] epochs = {1, 1000};
        for (int run = 0; run < 2; run++) {
            // 16 graphs: no validation split, one step an epoch.
            try (GinDetector d =
                    create(
                            "gae",
                            Map.of(
                                    "epochs", "" + epochs[run],
                                    "patience", "1000",
                                    "batchSize", "16"))) {
                TrainingHistory h = d.fit(chunk);
                assertEquals(epochs[run], h.steps());
                held[run] = d.manager().getManagedArrays().size();
            }
        }
        assertEquals(held[0], held[1], "arrays held by the model's manager after 1 and 1000 steps");
    }

    @Test
    void bothKindsLearnWhatNormalLooksLike() {
        List<Graph> test = new ArrayList<>(TestGraphs.rings(2, 60, 3, 0f, 0));
        test.addAll(TestGraphs.rings(3, 60, 3, 1.5f, 1));
        for (String kind : List.of("ocgin", "gae")) {
            try (GinDetector d = create(kind, Map.of("epochs", "15", "layers", "2"))) {
                TrainingHistory h = d.fit(NORMAL);
                assertTrue(
                        h.trainLoss().get(h.epochs() - 1) < h.trainLoss().get(0),
                        kind + " loss must fall");
                float[] scores = d.score(test);
                int[] labels = test.stream().mapToInt(Graph::y).toArray();
                double auc = TestGraphs.auc(scores, labels);
                assertTrue(auc > 0.9, kind + " AUC on shifted rings was " + auc);
            }
        }
    }

    @Test
    void scoringNamesTheBadGraphAndAnotherFeatureWidth() {
        try (GinDetector d = create("ocgin", Map.of("epochs", "1"))) {
            assertThrows(InvalidArgumentException.class, () -> d.score(NORMAL));
            d.fit(NORMAL);
            List<Graph> graphs = new ArrayList<>(NORMAL.subList(0, 5));
            graphs.add(Graph.builder(2, 3, new float[] {0, 1, 2, 3, Float.NaN, 5}).build());
            var e = assertThrows(InvalidGraphException.class, () -> d.score(graphs));
            assertTrue(
                    e.getMessage().contains("ocgin.score: graph 5: x[1, 1] is NaN"),
                    e.getMessage());
            List<Graph> wide = TestGraphs.rings(9, 3, 4, 0f, 0);
            var w = assertThrows(InvalidGraphException.class, () -> d.score(wide));
            assertTrue(
                    w.getMessage().contains("has 4 node features but the detector was fitted on 3"),
                    w.getMessage());
        }
    }
}
