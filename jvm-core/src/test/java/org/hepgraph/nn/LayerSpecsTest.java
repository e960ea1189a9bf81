package org.hepgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerSpecs.Kind;
import org.hepgraph.nn.LayerSpecs.Step;
import org.junit.jupiter.api.Test;

class LayerSpecsTest {

    @Test
    void buildsEachKindWithItsOptions() {
        String spec =
                "[{\"type\":\"GINConv\",\"in\":3,\"nn\":{\"type\":\"MLP\",\"channels\":[3,5,4],"
                        + "\"norm\":\"layer_norm\",\"act\":\"tanh\"},\"aggr\":\"max\","
                        + "\"trainEps\":true,\"eps\":0.5},"
                        + "{\"type\":\"act\",\"name\":\"relu\"},"
                        + "{\"type\":\"SAGEConv\",\"in\":4,\"out\":2,\"aggr\":\"mean\","
                        + "\"project\":true},"
                        + "{\"type\":\"pool\",\"reduce\":\"max\"},"
                        + "{\"type\":\"MLP\",\"channels\":[2,1]}]";
        try (NDManager m = NDManager.newBaseManager()) {
            List<Step> steps = LayerSpecs.parse(spec, m);
            assertEquals(
                    List.of(Kind.GRAPH, Kind.ACT, Kind.GRAPH, Kind.POOL, Kind.NODE),
                    steps.stream().map(Step::kind).toList());
            GINConv gin = assertInstanceOf(GINConv.class, steps.get(0).block());
            assertEquals(Aggregation.MAX, gin.aggregation());
            assertTrue(gin.getParameters().keys().contains("eps"), "trainEps gives a parameter");
            assertEquals(2, ((SAGEConv) steps.get(2).block()).outChannels());
            assertEquals("max", steps.get(3).option());
        }
    }

    @Test
    void buildsEdgeFeatureLayersAndFloat64() {
        String spec =
                "[{\"type\":\"GINEConv\",\"in\":3,\"nn\":{\"type\":\"MLP\",\"channels\":[3,4],"
                        + "\"norm\":\"none\"},\"edgeDim\":2,\"eps\":0.1,\"trainEps\":true},"
                        + "{\"type\":\"GATConv\",\"in\":4,\"out\":2,\"heads\":2,\"edgeDim\":2,"
                        + "\"dropout\":0.5,\"negativeSlope\":0.1}]";
        try (NDManager m = NDManager.newBaseManager()) {
            List<Step> steps = LayerSpecs.parse(spec, m, ai.djl.ndarray.types.DataType.FLOAT64);
            GINEConv gine = assertInstanceOf(GINEConv.class, steps.get(0).block());
            assertTrue(gine.getParameters().keys().contains("02edge_weight"), "edgeDim: W_e");
            GATConv gat = assertInstanceOf(GATConv.class, steps.get(1).block());
            assertTrue(gat.getParameters().keys().contains("att_edge"), "edgeDim: att_edge");
            assertEquals(
                    ai.djl.ndarray.types.DataType.FLOAT64,
                    gat.getParameters().get("att_src").getArray().getDataType());
            var e =
                    assertThrows(
                            InvalidArgumentException.class,
                            () -> LayerSpecs.parse(spec, m, ai.djl.ndarray.types.DataType.INT32));
            assertTrue(e.getMessage().contains("float32 or float64"), e.getMessage());
        }
    }

    @Test
    void refusesUnknownTypesOptionsAndOrder() {
        refused("[{\"type\":\"GraphConv\"}]", "unknown layer type 'GraphConv'");
        refused("[{\"type\":\"GCNConv\",\"in\":2,\"out\":3,\"cached\":true}]", "'cached'");
        refused("[{\"type\":\"SAGEConv\",\"in\":2,\"out\":3,\"aggr\":\"std\"}]", "'std'");
        refused("[{\"type\":\"MLP\",\"channels\":[2]}]", "at least 2 widths");
        refused(
                "[{\"type\":\"pool\",\"reduce\":\"add\"},{\"type\":\"GCNConv\",\"in\":2,"
                        + "\"out\":3}]",
                "follows a global pool");
        refused("not json", "not JSON");
    }

    private static void refused(String spec, String expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            var e = assertThrows(InvalidArgumentException.class, () -> LayerSpecs.parse(spec, m));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }
}
