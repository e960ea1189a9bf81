package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each layer option against PyTorch Geometric itself: {@code pyg-layers.txt} (written by {@code
 * pyg_layers.py} beside it, with torch 2.7.1 and torch_geometric 2.8.1) holds PyG layers built with
 * those options, their random weights under hepgraph's parameter names, float64 inputs (with self
 * loops, a doubled self loop and a duplicate edge) and PyG's outputs in inference mode.
 */
class PygParityTest {

    private static final Map<String, Supplier<Block>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("GCNConv weights", () -> gcn().build());
        LAYERS.put("GCNConv improved", () -> gcn().optImproved(true).build());
        LAYERS.put("GCNConv no self loops", () -> gcn().optAddSelfLoops(false).build());
        LAYERS.put("GCNConv normalize=false", () -> gcn().optNormalize(false).build());
        LAYERS.put("GCNConv bias=false", () -> gcn().optBias(false).build());
        LAYERS.put("GATConv 2 heads", () -> gat().optHeads(2).build());
        LAYERS.put(
                "GATConv edgeDim mean",
                () -> gat().optHeads(2).optConcat(false).optEdgeDim(2).build());
        LAYERS.put(
                "GATConv no self loops",
                () -> gat().optAddSelfLoops(false).optNegativeSlope(0.1f).build());
        LAYERS.put(
                "GINConv batch-norm MLP",
                () ->
                        GINConv.builder()
                                .setInChannels(3)
                                .optNn(mlp(3).build())
                                .optTrainEps(true)
                                .build());
        LAYERS.put(
                "GINConv layer-norm MLP max",
                () ->
                        GINConv.builder()
                                .setInChannels(3)
                                .optNn(
                                        mlp(3).optNorm(MLP.Norm.LAYER_NORM)
                                                .optActivation("tanh")
                                                .build())
                                .optAggregation(Aggregation.MAX)
                                .build());
        LAYERS.put(
                "GINEConv edgeDim",
                () ->
                        GINEConv.builder()
                                .setInChannels(3)
                                .optNn(mlp(3).build())
                                .optEdgeDim(2)
                                .optTrainEps(true)
                                .build());
        LAYERS.put(
                "GINEConv no edgeDim",
                () ->
                        GINEConv.builder()
                                .setInChannels(3)
                                .setOutChannels(4)
                                .optHidden(5)
                                .optEps(0.5f)
                                .build());
        LAYERS.put(
                "EdgeConv max",
                () -> EdgeConv.builder().setInChannels(3).setOutChannels(4).optHidden(5).build());
        LAYERS.put(
                "EdgeConv mean",
                () ->
                        EdgeConv.builder()
                                .setInChannels(3)
                                .optNn(
                                        MLP.builder()
                                                .setChannels(6, 5, 4)
                                                .optPlainLast(false)
                                                .build())
                                .optAggregation(Aggregation.MEAN)
                                .build());
        LAYERS.put("SAGEConv mean", () -> sage().build());
        LAYERS.put(
                "SAGEConv project normalize max",
                () ->
                        sage().optProject(true)
                                .optNormalize(true)
                                .optAggregation(Aggregation.MAX)
                                .build());
        LAYERS.put(
                "SAGEConv sum no root no bias project",
                () ->
                        sage().optAggregation(Aggregation.SUM)
                                .optRootWeight(false)
                                .optBias(false)
                                .optProject(true)
                                .build());
    }

    private static GCNConv.Builder gcn() {
        return GCNConv.builder().setInChannels(3).setOutChannels(4);
    }

    private static GATConv.Builder gat() {
        return GATConv.builder().setInChannels(3).setOutChannels(4);
    }

    private static SAGEConv.Builder sage() {
        return SAGEConv.builder().setInChannels(3).setOutChannels(4);
    }

    /** PyG's {@code MLP([in, 5, 4])} with its defaults (batch norm, relu, plain last). */
    private static MLP.Builder mlp(int in) {
        return MLP.builder().setChannels(in, 5, 4);
    }

    /** One case of the fixture: arrays by role and name, each as (shape, values). */
    record Fixture(String label, Map<String, double[]> values, Map<String, long[]> shapes) {
        @Override
        public String toString() {
            return label;
        }

        NDArray array(NDManager m, String key) {
            double[] v = values.get(key);
            return v == null ? null : m.create(v, new Shape(shapes.get(key)));
        }
    }

    static List<Fixture> fixtures() throws IOException {
        List<Fixture> out = new ArrayList<>();
        try (InputStream in = PygParityTest.class.getResourceAsStream("pyg-layers.txt");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Fixture current = null;
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f[0].equals("case")) {
                    current =
                            new Fixture(
                                    line.substring(5),
                                    new LinkedHashMap<>(),
                                    new LinkedHashMap<>());
                    out.add(current);
                    continue;
                }
                String key = f[0] + " " + f[1];
                current.shapes()
                        .put(
                                key,
                                Arrays.stream(f[2].split(","))
                                        .mapToLong(Long::parseLong)
                                        .toArray());
                current.values()
                        .put(
                                key,
                                Arrays.stream(f, 3, f.length)
                                        .mapToDouble(Double::parseDouble)
                                        .toArray());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesPygWithTheSameWeights(Fixture c) {
        Supplier<Block> build = LAYERS.get(c.label());
        assertNotNull(build, "no hepgraph layer for the PyG case " + c.label());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = c.array(m, "input x");
            NDArray edgeIndex = c.array(m, "input edgeIndex").toType(DataType.INT64, false);
            GraphInput g = new GraphInput(x, edgeIndex, c.array(m, "input edgeAttr"));
            Block block = initialized(build.get(), m, g);
            TreeSet<String> given = new TreeSet<>();
            for (String key : c.values().keySet()) {
                if (key.startsWith("param ")) {
                    String name = key.substring(6);
                    setParameter(block, name, c.values().get(key));
                    given.add(name);
                }
            }
            assertEquals(
                    new TreeSet<>(block.getParameters().keys()),
                    given,
                    c + ": hepgraph's parameters against PyG's");
            // 1e-7, not 1e-12: float options (GAT's negative slope 0.2f) differ from PyG's doubles.
            assertAllClose(c.array(m, "output out"), forward(block, m, g, false), 1e-7, c.label());
        }
    }
}
