package org.hepgraph.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.TrainingException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.nn.GlobalPool;
import org.junit.jupiter.api.Test;

/** The loop on tiny objectives of one weight vector: it knows nothing of any model. */
class TrainingLoopTest {

    private static final List<Graph> NORMAL = TestGraphs.rings(1, 120, 3, 0f, 0);
    private static final TrainingConfig QUICK = TrainingConfig.DEFAULTS.withEpochs(3);

    /** A weight w [3, 1], initialised by {@code init}. */
    private static Parameter weight(NDManager manager, String name, Initializer init) {
        return weight(manager, name, init, true);
    }

    private static Parameter weight(
            NDManager manager, String name, Initializer init, boolean trainable) {
        Parameter w =
                Parameter.builder()
                        .setName(name)
                        .setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(3, 1))
                        .optInitializer(init)
                        .optRequiresGrad(trainable)
                        .build();
        w.initialize(manager, DataType.FLOAT32);
        return w;
    }

    /** loss(G) = mean_{i ∈ G} (x_i · w − 1)². */
    private static Objective<GraphBatch> regression(Parameter w) {
        return (batch, training) -> {
            NDArray h = batch.x().matMul(w.getArray()).sub(1f).square();
            return GlobalPool.mean(h, batch).reshape(batch.numGraphs());
        };
    }

    private static NDArray perGraph(GraphBatch batch, float value) {
        return batch.x().getManager().full(new Shape(batch.numGraphs()), value);
    }

    private static TrainingHistory fit(
            NDManager manager,
            TrainingConfig config,
            Objective<GraphBatch> objective,
            Parameter w,
            TrainingListener... listeners) {
        return new TrainingLoop(config)
                .fit(
                        manager,
                        NORMAL,
                        objective,
                        BatchSource.single(),
                        List.of(ParameterGroup.adam("w", List.of(w), config.lr())),
                        List.of(listeners));
    }

    private static float[] trainedWeights(long seed) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter w = weight(m, "w", Initializer.ONES);
            fit(m, QUICK.withSeed(seed), regression(w), w);
            return w.getArray().toFloatArray();
        }
    }

    @Test
    void sameSeedGivesSameWeights() {
        float[] a = trainedWeights(3);
        assertArrayEquals(a, trainedWeights(3));
        assertFalse(
                Arrays.equals(a, trainedWeights(4)),
                "another seed (split and batch order) must change the weights");
    }

    @Test
    void stepsRunTheGivenInputsInOrderWithOneAdamStepEach() {
        TrainingConfig plain = new TrainingConfig(1, 64, 1e-2f, false, 0f, 0, 8, 0);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter w = weight(m, "w", Initializer.ONES);
            List<Graph> a = NORMAL.subList(0, 10);
            List<Graph> b = NORMAL.subList(10, 20);
            float first;
            try (NDManager s = m.newSubManager()) {
                first = regression(w).lossPerGraph(GraphBatch.of(s, a), false).mean().getFloat();
            }
            float[] before = w.getArray().toFloatArray();
            List<Function<NDManager, GraphBatch>> inputs =
                    List.of(s -> GraphBatch.of(s, a), s -> GraphBatch.of(s, b));
            double[] losses =
                    new TrainingLoop(plain)
                            .steps(
                                    m,
                                    regression(w),
                                    inputs,
                                    List.of(ParameterGroup.adam("w", List.of(w), plain.lr())));
            assertEquals(2, losses.length);
            assertEquals(first, losses[0], 1e-6 * Math.max(1, Math.abs(first)), "step 0 is a");
            // Adam's first steps move each weight by at most about lr: two steps, at most 2 lr.
            float[] after = w.getArray().toFloatArray();
            double moved = 0;
            for (int i = 0; i < after.length; i++) {
                double d = Math.abs(after[i] - before[i]);
                assertTrue(d <= 2 * plain.lr() * 1.001, "weight " + i + " moved " + d);
                moved = Math.max(moved, d);
            }
            assertTrue(moved > 0.5 * plain.lr(), "the weights moved by " + moved);
        }
    }

    @Test
    void lossFallsAndHistoryRecordsEveryEpoch() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter w = weight(m, "w", Initializer.ONES);
            TrainingHistory h = fit(m, QUICK.withEpochs(10), regression(w), w);
            assertEquals(10, h.epochs());
            assertEquals(10, h.validationLoss().size());
            assertTrue(h.trainLoss().get(9) < h.trainLoss().get(0), h.trainLoss().toString());
            assertEquals(20, h.steps(), "108 training graphs in batches of 64: 2 steps an epoch");
        }
    }

    @Test
    void nonFiniteLossIsATrainingError() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter w = weight(m, "w", Initializer.ONES);
            Objective<GraphBatch> nan =
                    (batch, training) -> regression(w).lossPerGraph(batch, training).mul(Float.NaN);
            var e = assertThrows(TrainingException.class, () -> fit(m, QUICK, nan, w));
            assertTrue(e.getMessage().contains("the loss became NaN"), e.getMessage());
        }
    }

    @Test
    void nonFiniteGradientNamesTheParameter() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter w = weight(m, "w", Initializer.ZEROS);
            // d sqrt(w) / dw = 1 / (2 sqrt(w)) is infinite at w = 0, while the loss is 0.
            Objective<GraphBatch> steep =
                    (batch, training) -> perGraph(batch, 1f).mul(w.getArray().sqrt().sum());
            var e = assertThrows(TrainingException.class, () -> fit(m, QUICK, steep, w));
            assertTrue(e.getMessage().contains("gradient of parameter 'w'"), e.getMessage());
        }
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        double[] validation = {3, 1, 2, 4, 5, 6, 7, 8};
        int[] epoch = {0};
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter w = weight(m, "w", Initializer.ONES);
            Objective<GraphBatch> objective =
                    (batch, training) ->
                            training
                                    ? regression(w).lossPerGraph(batch, true)
                                    : perGraph(batch, (float) validation[epoch[0]]);
            List<float[]> weightsAtEpochEnd = new ArrayList<>();
            TrainingListener recorder =
                    new TrainingListener() {
                        @Override
                        public void onEpochEnd(int e, double trainLoss, double validationLoss) {
                            assertEquals(validation[e], validationLoss, 1e-6);
                            weightsAtEpochEnd.add(w.getArray().toFloatArray());
                            epoch[0]++;
                        }
                    };
            TrainingConfig config = new TrainingConfig(8, 64, 1e-2f, false, 5f, 0.1, 2, 0);
            TrainingHistory h = fit(m, config, objective, w, recorder);
            assertEquals(4, h.epochs(), "best at epoch 1, patience 2: stops after epoch 3");
            assertTrue(h.stoppedEarly());
            assertEquals(1, h.bestEpoch());
            assertFalse(
                    Arrays.equals(weightsAtEpochEnd.get(1), weightsAtEpochEnd.get(3)),
                    "training must have moved the weights after the best epoch");
            assertArrayEquals(weightsAtEpochEnd.get(1), w.getArray().toFloatArray());
        }
    }

    @Test
    void checkpointingWritesOnEveryImprovement() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter w = weight(m, "w", Initializer.ONES);
            List<Integer> written = new ArrayList<>();
            TrainingHistory h =
                    fit(
                            m,
                            QUICK.withEpochs(6),
                            regression(w),
                            w,
                            new Checkpointing((epoch, loss) -> written.add(epoch)));
            List<Integer> improving = new ArrayList<>();
            double best = Double.POSITIVE_INFINITY;
            for (int e = 0; e < h.epochs(); e++) {
                if (h.validationLoss().get(e) < best) {
                    best = h.validationLoss().get(e);
                    improving.add(e);
                }
            }
            assertEquals(improving, written);
            assertEquals(0, written.get(0));
        }
    }

    @Test
    void twoGroupsAndTwoViewsAreExpressibleAndFrozenParametersStay() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Parameter a = weight(m, "a", Initializer.ONES);
            Parameter b = weight(m, "b", Initializer.ONES);
            Parameter frozen = weight(m, "teacher", Initializer.ONES, false);
            // A view scales a graph's features by a random factor in [0.5, 1.5).
            BatchSource<BatchSource.Views> views =
                    BatchSource.twoViews(
                            (g, random) -> {
                                float s = 0.5f + random.nextFloat();
                                float[] x = g.x();
                                for (int i = 0; i < x.length; i++) {
                                    x[i] *= s;
                                }
                                return Graph.builder(g.numNodes(), g.numFeatures(), x)
                                        .edges(g.edgeIndex())
                                        .build();
                            });
            BiFunction<GraphBatch, Parameter, NDArray> embed =
                    (batch, p) ->
                            GlobalPool.mean(
                                    batch.x().matMul(p.getArray().add(frozen.getArray())), batch);
            Objective<BatchSource.Views> agree =
                    (v, training) ->
                            embed.apply(v.first(), a)
                                    .sub(embed.apply(v.second(), b))
                                    .square()
                                    .reshape(v.first().numGraphs());
            float[] frozenBefore = frozen.getArray().toFloatArray();
            float[] bBefore = b.getArray().toFloatArray();
            TrainingHistory h =
                    new TrainingLoop(QUICK)
                            .fit(
                                    m,
                                    NORMAL,
                                    agree,
                                    views,
                                    List.of(
                                            ParameterGroup.adam("a", List.of(a), 1e-2f),
                                            ParameterGroup.adam("b", List.of(b), 1e-4f)),
                                    List.of());
            assertEquals(3, h.epochs());
            assertArrayEquals(frozenBefore, frozen.getArray().toFloatArray());
            assertFalse(Arrays.equals(bBefore, b.getArray().toFloatArray()));
            List<ParameterGroup> teacherGroup =
                    List.of(ParameterGroup.adam("teacher", List.of(frozen), 1e-3f));
            var e =
                    assertThrows(
                            InvalidArgumentException.class,
                            () ->
                                    new TrainingLoop(QUICK)
                                            .fit(m, NORMAL, agree, views, teacherGroup, List.of()));
            assertTrue(e.getMessage().contains("does not require gradients"), e.getMessage());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        var e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> TrainingConfig.DEFAULTS.withEpochs(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        var f =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> new TrainingConfig(4, 8, 1e-3f, true, 5f, 1.0, 2, 0));
        assertTrue(f.getMessage().contains("validationFraction"), f.getMessage());
    }
}
