package org.hepgraph.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.models.GraphAutoencoder;
import org.hepgraph.models.ModelConfig;
import org.hepgraph.models.OCGIN;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final List<Graph> NORMAL = TestGraphs.rings(1, 120, 3, 0f, 0);

    private static float[] weights(Detector d) {
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

    private static float[] trainedWeights(long modelSeed, long trainerSeed) {
        try (Detector d =
                Detector.create(ModelConfig.defaults(OCGIN.KIND, 3, modelSeed), Device.cpu())) {
            Trainer.builder().optEpochs(3).optSeed(trainerSeed).build().fit(d, NORMAL);
            return weights(d);
        }
    }

    @Test
    void sameSeedGivesSameWeights() {
        float[] a = trainedWeights(7, 3);
        float[] b = trainedWeights(7, 3);
        assertArrayEquals(a, b);
        float[] c = trainedWeights(8, 3);
        assertFalse(java.util.Arrays.equals(a, c), "another model seed must change the weights");
        float[] d = trainedWeights(7, 4);
        assertFalse(java.util.Arrays.equals(a, d), "another trainer seed must change the weights");
    }

    @Test
    void thousandStepsLeaveNativeMemoryWhereItStarted() {
        try (Detector d =
                Detector.create(ModelConfig.defaults(GraphAutoencoder.KIND, 3, 0), Device.cpu())) {
            Trainer trainer = Trainer.builder().build();
            Optimizer adam = Adam.builder().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            var trainable = Trainer.trainableParameters(d.model());
            List<Graph> chunk = NORMAL.subList(0, 16);
            trainer.step(d, d.parameterStore(), adam, trainable, chunk);
            int after1 = d.manager().getManagedArrays().size();
            for (int i = 1; i < 1000; i++) {
                trainer.step(d, d.parameterStore(), adam, trainable, chunk);
            }
            int after1000 = d.manager().getManagedArrays().size();
            assertEquals(
                    after1, after1000, "arrays held by the model's manager after 1 and 1000 steps");
        }
    }

    @Test
    void ocginLearnsWhatNormalLooksLike() {
        List<Graph> test = new ArrayList<>(TestGraphs.rings(2, 60, 3, 0f, 0));
        test.addAll(TestGraphs.rings(3, 60, 3, 1.5f, 1));
        for (String kind : List.of(OCGIN.KIND, GraphAutoencoder.KIND)) {
            try (Detector d = Detector.create(ModelConfig.defaults(kind, 3, 0), Device.cpu())) {
                TrainingHistory h = Trainer.builder().optEpochs(15).build().fit(d, NORMAL);
                assertTrue(
                        h.trainLoss().get(h.epochs() - 1) < h.trainLoss().get(0),
                        kind + " loss must fall");
                float[] scores = d.score(test, 32);
                int[] labels = test.stream().mapToInt(Graph::y).toArray();
                double auc = TestGraphs.auc(scores, labels);
                assertTrue(auc > 0.9, kind + " AUC on shifted rings was " + auc);
            }
        }
    }

    @Test
    void scoringNamesTheBadGraph() {
        try (Detector d = Detector.create(ModelConfig.defaults(OCGIN.KIND, 3, 0), Device.cpu())) {
            List<Graph> graphs = new ArrayList<>(NORMAL.subList(0, 5));
            graphs.add(Graph.builder(2, 3, new float[] {0, 1, 2, 3, Float.NaN, 5}).build());
            var e =
                    assertThrows(
                            org.hepgraph.HepgraphException.InvalidGraphException.class,
                            () -> d.score(graphs, 4));
            assertTrue(
                    e.getMessage().contains("Detector.score: graph 5: x[1, 1] is NaN"),
                    e.getMessage());
        }
    }

    @Test
    void badOptionsAreRefusedWithTheValue() {
        var e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> Trainer.builder().optEpochs(0).build());
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
