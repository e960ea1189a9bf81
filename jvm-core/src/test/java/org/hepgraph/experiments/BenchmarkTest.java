package org.hepgraph.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    /** 12 normal graphs of 3 nodes, 4 anomalies of 8 nodes: the size baseline separates them. */
    private static Dataset sizes() {
        List<Graph> graphs = new ArrayList<>();
        int[] labels = new int[16];
        for (int i = 0; i < 16; i++) {
            labels[i] = i % 4 == 3 ? 1 : 0;
            int n = labels[i] == 1 ? 8 : 3;
            graphs.add(Graph.builder(n, 1, new float[n]).build());
        }
        return new Dataset(
                "test:sizes",
                GraphSet.copyOf(graphs),
                IntStream.range(0, 16).asLongStream().toArray(),
                labels,
                Map.of(),
                new GraphRecipe("test", "test:sizes", 0, "x", List.of("x")),
                Dataset.Protocol.TRAIN_TEST,
                null);
    }

    @Test
    void everyKindRunsOnEveryFoldAndTheResultReadsAsJsonAndMarkdown() throws Exception {
        Dataset ds = sizes();
        List<Fold> folds = Splits.crossValidation(ds, new Splits.Options(2, 1L, null, null));
        assertEquals(2, folds.size());
        BenchmarkResult r =
                Benchmark.builder()
                        .setDataset(ds, folds)
                        .addDetector("size", Map.of())
                        .optSeed(1L)
                        .build()
                        .run();
        assertEquals(List.of(1.0, 1.0), r.aucs().get("size"));
        assertEquals(1.0, r.mean("size"));
        assertEquals(0.0, r.std("size"));
        assertEquals(2, r.folds());
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals("test:sizes", json.get("dataset").asText());
        assertEquals("TRAIN_TEST", json.get("protocol").asText());
        assertEquals(1, json.get("seed").asInt());
        assertEquals(1.0, json.get("auc").get("size").get("per_fold").get(1).asDouble());
        assertTrue(json.get("settings").has("size"));
        assertTrue(
                r.toMarkdown()
                        .render()
                        .contains("| test:sizes | size  | 1.0000 ± 0.0000 |     2 |"),
                r.toMarkdown().render());
    }

    @Test
    void stdIsOverFolds() {
        BenchmarkResult r =
                new BenchmarkResult(
                        "d", "GIVEN", 0, "dev", Map.of(), Map.of("m", List.of(0.6, 0.8)));
        assertEquals(0.7, r.mean("m"), 1e-12);
        assertEquals(0.1, r.std("m"), 1e-12);
        assertEquals("0.7000 ± 0.1000", r.meanStd("m"));
    }

    @Test
    void foldsWithoutBothClassesAndUnknownKindsAreRefused() {
        Dataset ds = sizes();
        Fold onlyNormal = TrainTestSplit.of(ds, RowRange.parse("0:3"), null);
        Fold noAnomaly =
                new Fold(
                        0,
                        onlyNormal.train(),
                        onlyNormal.train(),
                        onlyNormal.trainPositions(),
                        onlyNormal.trainPositions());
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () ->
                                Benchmark.builder()
                                        .setDataset(ds, List.of(noAnomaly))
                                        .addDetector("size", Map.of())
                                        .build()
                                        .run());
        assertTrue(e.getMessage().contains("0 anomalies"), e.getMessage());
        assertThrows(
                InvalidArgumentException.class,
                () -> Benchmark.builder().addDetector("no-such-kind", Map.of()));
        assertThrows(
                InvalidArgumentException.class,
                () -> Benchmark.kinds(List.of("size", "nope"), List.of()));
        assertEquals(List.of("size"), Benchmark.kinds(List.of("size"), List.of("size")));
    }
}
