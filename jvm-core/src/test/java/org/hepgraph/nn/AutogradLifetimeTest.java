package org.hepgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression test for a DJL pitfall: {@code NDArray.mul(Number)} wraps the number in a temporary
 * tensor over a Java direct buffer and closes it right away, while autograd keeps that tensor for
 * the backward pass. After a garbage collection the backward pass read freed memory and GIN's
 * gradients came out wrong (NaN or huge) at random. Layers must not hand scalars to ops that
 * autograd records; this test collects garbage and scribbles over freed memory between the forward
 * and the backward pass and checks that the gradients stay the same.
 */
class AutogradLifetimeTest {

    @Test
    void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() {
        List<Block> layers =
                List.of(
                        GINConv.builder().setInChannels(3).setOutChannels(4).optEps(0.25f).build(),
                        GINConv.builder()
                                .setInChannels(3)
                                .setOutChannels(4)
                                .optTrainEps(true)
                                .build(),
                        GINEConv.builder()
                                .setInChannels(3)
                                .setOutChannels(4)
                                .optEdgeDim(2)
                                .optEps(0.5f)
                                .build(),
                        GATConv.builder()
                                .setInChannels(3)
                                .setOutChannels(2)
                                .optHeads(2)
                                .optEdgeDim(2)
                                .build(),
                        SAGEConv.builder()
                                .setInChannels(3)
                                .setOutChannels(4)
                                .optProject(true)
                                .optNormalize(true)
                                .build(),
                        GINConv.builder()
                                .setInChannels(3)
                                .optNn(
                                        MLP.builder()
                                                .setChannels(3, 5, 4)
                                                .optNorm(MLP.Norm.LAYER_NORM)
                                                .optActivation("silu")
                                                .build())
                                .build());
        float[] xs = {0.3f, -1.2f, 0.7f, 1.1f, 0.2f, -0.4f, -0.9f, 0.5f, 1.6f, 0.05f, -0.3f, 0.8f};
        long[] ei = {0, 1, 2, 3, 1, 2, 3, 0};
        float[] ea = {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f, 0.7f, 0.8f};
        try (NDManager m = NDManager.newBaseManager()) {
            for (Block layer : layers) {
                Engine.getInstance().setRandomSeed(11);
                layer.initialize(
                        m, DataType.FLOAT32, new Shape(4, 3), new Shape(2, 4), new Shape(4, 2));
                float[] first = null;
                for (int trial = 0; trial < 30; trial++) {
                    try (NDManager scope = m.newSubManager()) {
                        NDArray x = scope.create(xs, new Shape(4, 3));
                        x.setRequiresGradient(true);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray out =
                                    layer.forward(
                                                    new ParameterStore(scope, false),
                                                    new NDList(
                                                            x,
                                                            scope.create(ei, new Shape(2, 4)),
                                                            scope.create(ea, new Shape(4, 2))),
                                                    true)
                                            .singletonOrThrow();
                            scribbleOverFreedMemory();
                            gc.backward(out.sum());
                        }
                        float[] grad = x.getGradient().toFloatArray();
                        if (first == null) {
                            first = grad;
                        } else {
                            assertArrayEquals(first, grad, 1e-6f, layer + ", trial " + trial);
                        }
                    }
                }
            }
        }
    }

    private static void scribbleOverFreedMemory() {
        System.gc();
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            b.putFloat(0, Float.NaN).putFloat(4, 1e30f).putFloat(8, -7f).putFloat(12, 3e38f);
            junk.add(b);
        }
        junk.clear();
    }
}
