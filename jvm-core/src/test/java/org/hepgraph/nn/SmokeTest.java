package org.hepgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void everyLayerRuns() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(5, 3));
            NDArray ei = m.create(new long[] {0, 1, 2, 3, 4, 1, 1, 2, 3, 4, 0, 0}, new Shape(2, 6));
            NDArray ea = m.randomNormal(new Shape(6, 2));
            List<Block> blocks =
                    List.of(
                            GCNConv.builder().setInChannels(3).setOutChannels(4).build(),
                            GINConv.builder().setInChannels(3).setOutChannels(4).build(),
                            GINEConv.builder()
                                    .setInChannels(3)
                                    .setOutChannels(4)
                                    .setEdgeDim(2)
                                    .build(),
                            EdgeConv.builder().setInChannels(3).setOutChannels(4).build(),
                            SAGEConv.builder().setInChannels(3).setOutChannels(4).build(),
                            GATConv.builder()
                                    .setInChannels(3)
                                    .setOutChannels(2)
                                    .optHeads(2)
                                    .build());
            for (Block b : blocks) {
                b.initialize(m, DataType.FLOAT32, new Shape(5, 3), new Shape(2, 6));
                NDArray out =
                        b.forward(new ParameterStore(m, false), new NDList(x, ei, ea), false)
                                .singletonOrThrow();
                assertEquals(new Shape(5, 4), out.getShape(), b.toString());
            }
            NDArray pooled = GlobalPool.max(x, m.create(new long[] {0, 0, 1, 1, 1}), 2);
            assertEquals(new Shape(2, 3), pooled.getShape());
        }
    }
}
