package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchNorm} is PyTorch's {@code BatchNorm1d} (eps 1e-5 exactly, momentum 0.1): inference on
 * running statistics, training on the batch's (biased) variance with the running statistics moved
 * by the unbiased one. The values are computed in double here; a tiny running variance makes the
 * float {@code 1e-5f} of DJL's BatchNorm visible (relative 2e-9, far above the 1e-15 checked).
 */
class BatchNormTest {

    private static final double EPS = 1e-5;

    private static BatchNorm norm(NDManager m) {
        BatchNorm bn = new BatchNorm();
        bn.initialize(m, DataType.FLOAT64, new Shape(1, 2));
        setParameter(bn, "gamma", 1.5, -0.5);
        setParameter(bn, "beta", 0.25, 0.1);
        setParameter(bn, "runningMean", 0.3, -0.2);
        setParameter(bn, "runningVar", 1e-6, 2.0);
        return bn;
    }

    private static final double[][] X = {{1, 2}, {-1, 0.5}, {0.5, -3}};

    private static NDArray x(NDManager m) {
        return m.create(new double[] {1, 2, -1, 0.5, 0.5, -3}, new Shape(3, 2));
    }

    @Test
    void inferenceUsesRunningStatisticsAndExactEps() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm bn = norm(m);
            NDArray out =
                    bn.forward(new ParameterStore(m, false), new NDList(x(m)), false)
                            .singletonOrThrow();
            double[] gamma = {1.5, -0.5};
            double[] beta = {0.25, 0.1};
            double[] mean = {0.3, -0.2};
            double[] var = {1e-6, 2.0};
            double[] expected = new double[6];
            for (int i = 0; i < 3; i++) {
                for (int c = 0; c < 2; c++) {
                    expected[i * 2 + c] =
                            (X[i][c] - mean[c]) / Math.sqrt(var[c] + EPS) * gamma[c] + beta[c];
                }
            }
            assertAllClose(expected, out, 5e-13, "inference");
            assertEquals(new Shape(3, 2), out.getShape());
        }
    }

    @Test
    void trainingUsesBatchStatisticsAndMovesTheRunningOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm bn = norm(m);
            NDArray out =
                    bn.forward(new ParameterStore(m, false), new NDList(x(m)), true)
                            .singletonOrThrow();
            double[] gamma = {1.5, -0.5};
            double[] beta = {0.25, 0.1};
            double[] expected = new double[6];
            double[] runningMean = {0.3, -0.2};
            double[] runningVar = {1e-6, 2.0};
            double[] newMean = new double[2];
            double[] newVar = new double[2];
            for (int c = 0; c < 2; c++) {
                double mu = (X[0][c] + X[1][c] + X[2][c]) / 3;
                double v = 0;
                for (double[] row : X) {
                    v += (row[c] - mu) * (row[c] - mu);
                }
                for (int i = 0; i < 3; i++) {
                    expected[i * 2 + c] =
                            (X[i][c] - mu) / Math.sqrt(v / 3 + EPS) * gamma[c] + beta[c];
                }
                newMean[c] = 0.9 * runningMean[c] + 0.1 * mu;
                newVar[c] = 0.9 * runningVar[c] + 0.1 * v / 2;
            }
            assertAllClose(expected, out, 1e-14, "training output");
            assertAllClose(newMean, parameter(bn, "runningMean").getArray(), 1e-15, "mean");
            assertAllClose(newVar, parameter(bn, "runningVar").getArray(), 1e-15, "var");
        }
    }

    @Test
    void loadsParametersSavedByDjlsBatchNorm() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.norm.BatchNorm djl =
                    ai.djl.nn.norm.BatchNorm.builder().optAxis(1).optEpsilon(1e-5f).build();
            djl.initialize(m, DataType.FLOAT64, new Shape(1, 2));
            setParameter(djl, "gamma", 1.5, -0.5);
            setParameter(djl, "beta", 0.25, 0.1);
            setParameter(djl, "runningMean", 0.3, -0.2);
            setParameter(djl, "runningVar", 1e-6, 2.0);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            djl.saveParameters(new java.io.DataOutputStream(bytes));
            BatchNorm ours = new BatchNorm();
            ours.initialize(m, DataType.FLOAT64, new Shape(1, 2));
            ours.loadParameters(
                    m,
                    new java.io.DataInputStream(
                            new java.io.ByteArrayInputStream(bytes.toByteArray())));
            for (String name : new String[] {"gamma", "beta", "runningMean", "runningVar"}) {
                assertAllClose(
                        parameter(djl, name).getArray(), parameter(ours, name).getArray(), 0, name);
            }
            java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
            ours.saveParameters(new java.io.DataOutputStream(again));
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    bytes.toByteArray(), again.toByteArray(), "saved form as DJL's");
        }
    }
}
