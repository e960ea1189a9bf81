package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class MLPTest {

    private static NDArray run(MLP mlp, NDManager m, NDArray x) {
        return mlp.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void shapeAndName() {
        try (NDManager m = NDManager.newBaseManager()) {
            MLP mlp = MLP.builder().setChannels(3, 8, 5).build();
            Engine.getInstance().setRandomSeed(INIT_SEED);
            mlp.initialize(m, DataType.FLOAT64, new Shape(4, 3));
            assertEquals("MLP([3, 8, 5])", mlp.toString());
            assertArrayEquals(new int[] {3, 8, 5}, mlp.channels());
            NDArray x = normal(m, new Random(1), 4, 3);
            assertEquals(new Shape(4, 5), run(mlp, m, x).getShape());
            assertEquals(new Shape(4, 5), mlp.getOutputShapes(new Shape[] {new Shape(4, 3)})[0]);
        }
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            MLP plain = MLP.builder().setChannels(2, 2, 1).build();
            MLP activated = MLP.builder().setChannels(2, 2, 1).optActivateLast(true).build();
            for (MLP mlp : new MLP[] {plain, activated}) {
                Engine.getInstance().setRandomSeed(INIT_SEED);
                mlp.initialize(m, DataType.FLOAT64, new Shape(1, 2));
                setParameter(mlp, "01linear1_weight", 1, 2, -1, 1);
                setParameter(mlp, "01linear1_bias", 0, 0.5);
                setParameter(mlp, "02linear2_weight", 1, -3);
                setParameter(mlp, "02linear2_bias", -0.5);
            }
            // y = W2 relu(W1 x + b1) + b2 with W1 = [[1, 2], [-1, 1]], b1 = [0, 0.5],
            // W2 = [1, -3], b2 = -0.5; the activated variant applies relu to y as well.
            double[][] xs = {{1, 1}, {-2, 0.25}};
            double[] expectedPlain = new double[2];
            for (int r = 0; r < 2; r++) {
                double h1 = Math.max(xs[r][0] + 2 * xs[r][1], 0);
                double h2 = Math.max(-xs[r][0] + xs[r][1] + 0.5, 0);
                expectedPlain[r] = h1 - 3 * h2 - 0.5;
            }
            NDArray x = m.create(new double[] {1, 1, -2, 0.25}, new Shape(2, 2));
            assertAllClose(expectedPlain, run(plain, m, x), TOLERANCE, "plain last layer");
            double[] expectedActivated = {
                Math.max(expectedPlain[0], 0), Math.max(expectedPlain[1], 0)
            };
            assertAllClose(expectedActivated, run(activated, m, x), TOLERANCE, "activated last");
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            MLP mlp = MLP.builder().setChannels(3, 4, 2).build();
            Engine.getInstance().setRandomSeed(INIT_SEED);
            mlp.initialize(m, DataType.FLOAT64, new Shape(1, 3));
            NDArray x = normal(m, new Random(2), 5, 3);
            NDArray w = normal(m, new Random(3), 5, 2);
            NDArray input = x.duplicate();
            NDArray grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                input.setRequiresGradient(true);
                gc.backward(run(mlp, m, input).mul(w).sum());
                grad = input.getGradient().duplicate();
            }
            assertClose(
                    numericGradient(xs -> run(mlp, m, xs).mul(w).sum().getDouble(), x),
                    grad.toDoubleArray(),
                    "MLP d loss / d x");
        }
    }

    @Test
    void builderNeedsTwoPositiveWidths() {
        assertThrows(InvalidArgumentException.class, () -> MLP.builder().build());
        assertThrows(InvalidArgumentException.class, () -> MLP.builder().setChannels(3).build());
        assertThrows(
                InvalidArgumentException.class, () -> MLP.builder().setChannels(3, 0, 2).build());
    }
}
