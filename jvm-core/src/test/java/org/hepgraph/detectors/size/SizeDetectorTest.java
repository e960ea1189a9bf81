package org.hepgraph.detectors.size;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.train.TrainingHistory;
import org.junit.jupiter.api.Test;

class SizeDetectorTest {

    private static Graph nodes(int n) {
        return Graph.builder(n, 1, new float[n]).build();
    }

    @Test
    void scoreIsTheDistanceFromTheMeanNodeCount() {
        try (AnomalyDetector d = Detectors.create("size", Map.of(), Device.cpu())) {
            assertThrows(InvalidArgumentException.class, () -> d.score(List.of(nodes(3))));
            TrainingHistory h = d.fit(List.of(nodes(4), nodes(6), nodes(8)));
            assertEquals(0, h.epochs());
            assertEquals(0, h.steps());
            assertEquals(6.0, ((SizeDetector) d).meanNodes());
            assertArrayEquals(
                    new float[] {2f, 0f, 4f, 1f},
                    d.score(
                            List.of(
                                    nodes(4),
                                    nodes(6),
                                    nodes(10),
                                    Graph.builder(7, 2, new float[14]).build())),
                    0f);
        }
    }

    @Test
    void separatesGraphsOfAnotherSize() {
        List<Graph> normal = TestGraphs.rings(1, 50, 2, 0f, 0); // 5-12 nodes
        try (AnomalyDetector d = Detectors.create("size", Map.of(), Device.cpu())) {
            d.fit(normal);
            float[] s = d.score(List.of(nodes(8), nodes(40)));
            assertTrue(
                    s[1] > s[0], "a 40-node graph lies further from the mean than an 8-node one");
        }
    }

    @Test
    void emptyTrainingSetIsRefused() {
        try (AnomalyDetector d = Detectors.create("size", Map.of(), Device.cpu())) {
            var e = assertThrows(InvalidGraphException.class, () -> d.fit(List.of()));
            assertTrue(e.getMessage().contains("no training graphs"), e.getMessage());
        }
    }
}
