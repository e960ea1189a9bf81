package org.hepgraph.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class FeatureScalingTest {

    @Test
    void standardisesWithTheGivenStatisticsAndSurvivesSaveAndLoad() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            FeatureScaling scaling = new FeatureScaling(3);
            scaling.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(new float[] {1, 2, 3, 5, 2, 7}, new Shape(2, 3));
            assertArrayEquals(x.toFloatArray(), scaling.apply(ps, x, false).toFloatArray());
            // The second feature is constant: std 0 counts as 1, so it becomes 0, not NaN.
            scaling.set(new FeatureStats(new float[] {3, 2, 5}, new float[] {2, 0, 2}));
            float[] expected = {-1, 0, -1, 1, 0, 1};
            assertArrayEquals(expected, scaling.apply(ps, x, false).toFloatArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            scaling.saveParameters(new DataOutputStream(out));
            FeatureScaling loaded = new FeatureScaling(3);
            loaded.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            loaded.loadParameters(
                    m, new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
            assertArrayEquals(expected, loaded.apply(ps, x, false).toFloatArray());
        }
    }
}
