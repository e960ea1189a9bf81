package org.hepgraph.detectors.svdd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.detectors.Detectors;
import org.junit.jupiter.api.Test;

class SvddDetectorTest {

    /** A PyG-style GIN as hepgraph.from_pyg sends it, for 3 node features. */
    static final String GIN =
            "[{\"type\":\"GINConv\",\"in\":3,\"nn\":{\"type\":\"MLP\",\"channels\":[3,16,16]}},"
                    + "{\"type\":\"act\",\"name\":\"relu\"},"
                    + "{\"type\":\"GINConv\",\"in\":16,\"nn\":{\"type\":\"MLP\",\"channels\":[16,16,16]}}]";

    static final List<Graph> TRAIN = TestGraphs.rings(1, 60, 3, 0f, 0);

    private static SvddDetector create(String seed) {
        return create(seed, "0.1");
    }

    private static SvddDetector create(String seed, String validationFraction) {
        return (SvddDetector)
                Detectors.create(
                        "svdd",
                        Map.of(
                                "encoder", GIN,
                                "epochs", "5",
                                "seed", seed,
                                "readout", "mean",
                                "validationFraction", validationFraction),
                        Device.cpu());
    }

    private static Map<String, float[]> copy(Map<String, Parameter> ps) {
        Map<String, float[]> out = new LinkedHashMap<>();
        ps.forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    @Test
    void trainsTheGivenEncoderAndSeparatesShiftedFeatures() {
        List<Graph> test = new ArrayList<>(TestGraphs.rings(2, 30, 3, 0f, 0));
        test.addAll(TestGraphs.rings(3, 30, 3, 2f, 1));
        int[] labels = test.stream().mapToInt(Graph::y).toArray();
        try (SvddDetector d = create("0")) {
            d.fit(TRAIN);
            Map<String, float[]> trained = copy(d.encoderParameters());
            assertEquals(
                    List.of("0.01mlp_01linear1_weight", "0.01mlp_01linear1_bias"),
                    trained.keySet().stream().limit(2).toList());
            double auc = TestGraphs.auc(d.score(test), labels);
            // measured 0.976 (shift 1.5: 0.85); 0.9 leaves room for float rounding elsewhere
            assertTrue(auc >= 0.9, "AUC " + auc);
        }
    }

    @Test
    void startingWeightsAreUsedAndTrainingChangesThem() {
        Map<String, float[]> start;
        try (SvddDetector a = create("0")) {
            a.fit(TRAIN);
            start = copy(a.encoderParameters());
        }
        float[] c1;
        float[] c2;
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
                SvddDetector b = create("7", "0");
                SvddDetector c = create("8", "0")) {
            Map<String, NDArray> w = new HashMap<>();
            try (SvddDetector shapes = create("0")) {
                shapes.fit(TRAIN.subList(0, 4));
                shapes.encoderParameters()
                        .forEach(
                                (k, p) ->
                                        w.put(
                                                k,
                                                m.create(start.get(k))
                                                        .reshape(p.getArray().getShape())));
            }
            b.startFrom(w);
            c.startFrom(w);
            b.fit(TRAIN);
            c.fit(TRAIN);
            // the centre is fixed from the starting weights, whatever the seed (no validation
            // split)
            c1 = b.center();
            c2 = c.center();
            assertArrayEquals(c1, c2, 1e-5f);
            Map<String, float[]> after = copy(b.encoderParameters());
            boolean changed = false;
            for (String k : start.keySet()) {
                changed |= !Arrays.equals(start.get(k), after.get(k));
            }
            assertTrue(changed, "training changed no weight");
        }
    }

    @Test
    void startingWeightsMustMatchTheEncoder() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
                SvddDetector d = create("0")) {
            d.startFrom(
                    Map.of("0.01linear_weight", m.zeros(new ai.djl.ndarray.types.Shape(16, 3))));
            var e = assertThrows(InvalidArgumentException.class, () -> d.fit(TRAIN));
            assertTrue(
                    e.getMessage().contains("missing")
                            && e.getMessage().contains("0.01mlp_01linear1_bias"),
                    e.getMessage());
        }
    }

    @Test
    void anEncoderForAnotherWidthIsRefusedNamingBoth() {
        try (SvddDetector d = create("0")) {
            var e =
                    assertThrows(
                            InvalidGraphException.class,
                            () -> d.fit(TestGraphs.rings(1, 5, 4, 0f, 0)));
            assertTrue(
                    e.getMessage().contains("takes 3") && e.getMessage().contains("have 4"),
                    e.getMessage());
        }
    }

    @Test
    void anEncoderWithItsOwnPoolIsNotPooledAgain() {
        String pooled =
                GIN.substring(0, GIN.length() - 1) + ",{\"type\":\"pool\",\"reduce\":\"max\"}]";
        float[][] scores = new float[2][];
        int i = 0;
        for (String readout : List.of("add", "mean")) {
            try (AnomalyDetector d =
                    Detectors.create(
                            "svdd",
                            Map.of("encoder", pooled, "epochs", "2", "readout", readout),
                            Device.cpu())) {
                d.fit(TRAIN);
                scores[i++] = d.score(TRAIN);
            }
        }
        assertArrayEquals(scores[0], scores[1]);
    }

    @Test
    void badSpecsAndReadoutsAreRefusedAtConfig() {
        var f = Detectors.factory("svdd");
        assertThrows(InvalidArgumentException.class, () -> f.config(Map.of("encoder", "{nope")));
        assertThrows(InvalidArgumentException.class, () -> f.config(Map.of("encoder", "[]")));
        assertThrows(InvalidArgumentException.class, () -> f.config(Map.of("readout", "median")));
    }

    @Test
    void savedAndLoadedGivesIdenticalScoresAndKeepsTheSpec() throws IOException {
        byte[] bytes;
        float[] before;
        try (SvddDetector d = create("0")) {
            d.fit(TRAIN);
            before = d.score(TRAIN);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DetectorIO.save(d, Map.of(), out);
            bytes = out.toByteArray();
        }
        try (AnomalyDetector back =
                DetectorIO.load(new ByteArrayInputStream(bytes), Device.cpu(), "memory")) {
            assertArrayEquals(before, back.score(TRAIN));
            assertEquals(GIN, back.config().toMap().get("encoder"));
            assertFalse(((SvddDetector) back).encoderParameters().isEmpty());
        }
    }
}
