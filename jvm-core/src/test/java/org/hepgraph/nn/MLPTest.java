package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class MLPTest {

    private static NDArray run(MLP mlp, NDManager m, NDArray x, boolean training) {
        return mlp.forward(new ParameterStore(m, false), new NDList(x), training)
                .singletonOrThrow();
    }

    private static MLP init(MLP mlp, NDManager m, int in) {
        Engine.getInstance().setRandomSeed(INIT_SEED);
        mlp.initialize(m, DataType.FLOAT64, new Shape(1, in));
        return mlp;
    }

    /** W1 = [[1, 2], [-1, 1]], b1 = [0, 0.5], W2 = [1, -3], b2 = -0.5 on an MLP [2, 2, 1]. */
    private static MLP known(MLP.Builder b, NDManager m) {
        MLP mlp = init(b.setChannels(2, 2, 1).optNorm(MLP.Norm.NONE).build(), m, 2);
        setParameter(mlp, "01linear1_weight", 1, 2, -1, 1);
        setParameter(mlp, "01linear1_bias", 0, 0.5);
        setParameter(mlp, "02linear2_weight", 1, -3);
        setParameter(mlp, "02linear2_bias", -0.5);
        return mlp;
    }

    private static final double[][] XS = {{1, 1}, {-2, 0.25}};

    private static NDArray xs(NDManager m) {
        return m.create(new double[] {1, 1, -2, 0.25}, new Shape(2, 2));
    }

    @Test
    void shapeNameAndPygDefaults() {
        try (NDManager m = NDManager.newBaseManager()) {
            MLP mlp = init(MLP.builder().setChannels(3, 8, 5).build(), m, 3);
            assertEquals("MLP([3, 8, 5])", mlp.toString());
            assertArrayEquals(new int[] {3, 8, 5}, mlp.channels());
            NDArray x = normal(m, new Random(1), 4, 3);
            assertEquals(new Shape(4, 5), run(mlp, m, x, false).getShape());
            assertEquals(new Shape(4, 5), mlp.getOutputShapes(new Shape[] {new Shape(4, 3)})[0]);
            // PyG's MLP: batch norm after each hidden layer, none after the plain last one.
            assertEquals(
                    List.of(
                            "01linear1_weight",
                            "01linear1_bias",
                            "02norm1_gamma",
                            "02norm1_beta",
                            "02norm1_runningMean",
                            "02norm1_runningVar",
                            "03linear2_weight",
                            "03linear2_bias"),
                    mlp.getParameters().keys());
        }
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            MLP plain = known(MLP.builder(), m);
            MLP activated = known(MLP.builder().optPlainLast(false), m);
            MLP tanh = known(MLP.builder().optActivation("tanh"), m);
            // y = W2 act(W1 x + b1) + b2; the activated variant applies relu to y as well.
            double[] expectedPlain = new double[2];
            double[] expectedTanh = new double[2];
            for (int r = 0; r < 2; r++) {
                double z1 = XS[r][0] + 2 * XS[r][1];
                double z2 = -XS[r][0] + XS[r][1] + 0.5;
                expectedPlain[r] = Math.max(z1, 0) - 3 * Math.max(z2, 0) - 0.5;
                expectedTanh[r] = Math.tanh(z1) - 3 * Math.tanh(z2) - 0.5;
            }
            assertAllClose(expectedPlain, run(plain, m, xs(m), false), TOLERANCE, "plain last");
            double[] expectedActivated = {
                Math.max(expectedPlain[0], 0), Math.max(expectedPlain[1], 0)
            };
            assertAllClose(
                    expectedActivated, run(activated, m, xs(m), false), TOLERANCE, "activated");
            assertAllClose(expectedTanh, run(tanh, m, xs(m), false), TOLERANCE, "tanh");
        }
    }

    /** One layer, not plain, no activation: Linear → norm, so the norm is seen directly. */
    private static MLP normOnly(MLP.Norm norm, NDManager m) {
        MLP.Builder b = MLP.builder().setChannels(3, 2).optPlainLast(false).optActivation("none");
        return init(b.optNorm(norm).build(), m, 3);
    }

    /** {@code x W1ᵀ + b1}, what the first linear layer of {@code mlp} computes. */
    private static NDArray linearPart(MLP mlp, NDArray x) {
        return x.matMul(parameter(mlp, "01linear1_weight").getArray().transpose())
                .add(parameter(mlp, "01linear1_bias").getArray());
    }

    @Test
    void batchNormStandardisesColumnsInTrainingAndUsesRunningStatisticsAfter() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One layer, not plain: Linear → BatchNorm → (no activation).
            MLP mlp = normOnly(MLP.Norm.BATCH_NORM, m);
            NDArray x = normal(m, new Random(3), 6, 3);
            NDArray linear = linearPart(mlp, x);
            // Fresh running statistics (mean 0, var 1): inference divides by sqrt(1 + 1e-5).
            assertAllClose(
                    linear.div(Math.sqrt(1 + 1e-5)), run(mlp, m, x, false), TOLERANCE, "eval");
            NDArray trained = run(mlp, m, x, true);
            NDArray mean = linear.mean(new int[] {0});
            NDArray var = linear.sub(mean).square().mean(new int[] {0});
            assertAllClose(
                    linear.sub(mean).div(var.add(1e-5).sqrt()), trained, TOLERANCE, "training");
            // PyTorch momentum 0.1: the running mean moved a tenth of the way to the batch mean.
            assertAllClose(
                    mean.mul(0.1),
                    parameter(mlp, "02norm1_runningMean").getArray(),
                    TOLERANCE,
                    "running mean");
        }
    }

    @Test
    void layerNormStandardisesTheWholeInputAsPygGraphMode() {
        try (NDManager m = NDManager.newBaseManager()) {
            // The same seed draws the same linear layer with and without the norm after it.
            NDArray x = normal(m, new Random(4), 5, 3);
            NDArray linear = run(normOnly(MLP.Norm.NONE, m), m, x, false);
            NDArray centred = linear.sub(linear.mean());
            assertAllClose(
                    centred.div(centred.square().mean().sqrt().add(1e-5)),
                    run(normOnly(MLP.Norm.LAYER_NORM, m), m, x, false),
                    TOLERANCE,
                    "layer norm");
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            MLP mlp =
                    init(
                            MLP.builder()
                                    .setChannels(4, 64)
                                    .optPlainLast(false)
                                    .optNorm(MLP.Norm.NONE)
                                    .optActivation("none")
                                    .optDropout(0.5f)
                                    .build(),
                            m,
                            4);
            NDArray x = normal(m, new Random(5), 8, 4);
            double[] eval = run(mlp, m, x, false).toDoubleArray();
            double[] train = run(mlp, m, x, true).toDoubleArray();
            int zeroed = 0;
            for (int i = 0; i < eval.length; i++) {
                if (train[i] == 0) {
                    zeroed++;
                } else {
                    assertEquals(2 * eval[i], train[i], 1e-9, "kept entries are scaled by 1/(1-p)");
                }
            }
            // 512 entries dropped with p = 0.5: far outside [128, 384] has probability < 1e-25.
            assertTrue(zeroed > 128 && zeroed < 384, "dropped " + zeroed + " of 512");
        }
    }

    @Test
    void biasFalseHasNoBiases() {
        MLP mlp = MLP.builder().setChannels(3, 4, 2).optBias(false).optNorm(MLP.Norm.NONE).build();
        assertFalse(mlp.getParameters().keys().stream().anyMatch(k -> k.endsWith("bias")));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            MLP mlp = init(MLP.builder().setChannels(3, 4, 2).build(), m, 3);
            NDArray x = normal(m, new Random(2), 5, 3);
            NDArray w = normal(m, new Random(3), 5, 2);
            NDArray input = x.duplicate();
            NDArray grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                input.setRequiresGradient(true);
                gc.backward(run(mlp, m, input, true).mul(w).sum());
                grad = input.getGradient().duplicate();
            }
            assertClose(
                    numericGradient(xs -> run(mlp, m, xs, true).mul(w).sum().getDouble(), x),
                    grad.toDoubleArray(),
                    "MLP d loss / d x");
        }
    }

    @Test
    void builderExplainsBadOptions() {
        assertThrows(InvalidArgumentException.class, () -> MLP.builder().build());
        assertThrows(InvalidArgumentException.class, () -> MLP.builder().setChannels(3).build());
        assertThrows(
                InvalidArgumentException.class, () -> MLP.builder().setChannels(3, 0, 2).build());
        InvalidArgumentException act =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> MLP.builder().setChannels(3, 2).optActivation("rleu").build());
        assertTrue(
                act.getMessage().contains("unknown activation 'rleu'; use one of [relu"),
                act.getMessage());
        InvalidArgumentException norm =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> MLP.builder().setChannels(3, 2).optNorm(null).build());
        assertTrue(norm.getMessage().contains("optNorm(MLP.Norm.NONE)"), norm.getMessage());
        InvalidArgumentException p =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> MLP.builder().setChannels(3, 2).optDropout(-0.1f).build());
        assertTrue(p.getMessage().contains("dropout must lie in [0, 1), got -0.1"), p.getMessage());
    }
}
