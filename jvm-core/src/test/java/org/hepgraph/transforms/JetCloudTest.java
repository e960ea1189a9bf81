package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class JetCloudTest {

    @Test
    void wrapPhiFoldsIntoMinusPiToPi() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] in = {0f, 3f, 3.3f, -3.3f, 6.2f, -6.2f, 7f};
            float[] out = JetCloud.wrapPhi(m.create(in)).toFloatArray();
            float[] want = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                want[i] = (float) Math.IEEEremainder(in[i], 2 * Math.PI);
            }
            assertArrayEquals(want, out, 1e-5f);
        }
    }
}
