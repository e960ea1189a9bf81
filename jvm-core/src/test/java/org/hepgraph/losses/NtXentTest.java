package org.hepgraph.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class NtXentTest {

    /**
     * z1 = [a, b], z2 = [c, d] with a = (1, 0), b = (0, 1), c = (1, 1), d = (1, −1), τ = 0.5. With
     * r = 1/√2 the cosines are a·b = c·d = 0, a·c = a·d = b·c = r, b·d = −r, so s = 2 cos and
     *
     * <pre>
     *   ℓ_a = −2r + log(1 + e^{2r} + e^{2r})      (positive c; negatives b, d)
     *   ℓ_b = +2r + log(1 + e^{2r} + e^{−2r})     (positive d; negatives a, c)
     *   ℓ_c = −2r + log(e^{2r} + e^{2r} + 1)      (positive a; negatives b, d)
     *   ℓ_d = +2r + log(e^{2r} + e^{−2r} + 1)     (positive b; negatives a, c)
     * </pre>
     */
    @Test
    void matchesTheHandComputedLossOfTwoPairs() {
        double r = 1 / Math.sqrt(2);
        double la = -2 * r + Math.log(1 + 2 * Math.exp(2 * r));
        double lb = 2 * r + Math.log(1 + Math.exp(2 * r) + Math.exp(-2 * r));
        double expected = (la + lb + la + lb) / 4;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z1 = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray z2 = m.create(new float[] {1, 1, 1, -1}, new Shape(2, 2));
            assertEquals(expected, NtXent.loss(z1, z2, 0.5f).getFloat(), 1e-5);
            // The two views play symmetric roles; the length of an embedding does not matter.
            assertEquals(expected, NtXent.loss(z2, z1, 0.5f).getFloat(), 1e-5);
            assertEquals(expected, NtXent.loss(z1.mul(3), z2.mul(0.1f), 0.5f).getFloat(), 1e-5);
        }
    }

    @Test
    void isLowWhenViewsAgreeAndHighWhenTheyAreSwapped() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z1 = m.create(new float[] {1, 0, 0, 1, -1, 0}, new Shape(3, 2));
            NDArray swapped = m.create(new float[] {0, 1, 1, 0, -1, 0}, new Shape(3, 2));
            float agree = NtXent.loss(z1, z1, 0.1f).getFloat();
            float disagree = NtXent.loss(z1, swapped, 0.1f).getFloat();
            assertTrue(agree < 0.01f, "agree " + agree);
            assertTrue(disagree > 5f, "disagree " + disagree);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        float[] a = {0.3f, -1.2f, 0.7f, 1.1f, 0.2f, -0.4f};
        float[] b = {-0.9f, 0.5f, 1.6f, 0.05f, -0.3f, 0.8f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z1 = m.create(a, new Shape(3, 2));
            NDArray z2 = m.create(b, new Shape(3, 2));
            z1.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(NtXent.loss(z1, z2, 0.2f));
            }
            float[] grad = z1.getGradient().toFloatArray();
            float h = 1e-2f;
            for (int i = 0; i < a.length; i++) {
                float[] plus = a.clone();
                float[] minus = a.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric =
                        (NtXent.loss(m.create(plus, new Shape(3, 2)), z2, 0.2f).getFloat()
                                        - NtXent.loss(m.create(minus, new Shape(3, 2)), z2, 0.2f)
                                                .getFloat())
                                / (2 * h);
                assertEquals(numeric, grad[i], 2e-3, "d loss / d z1[" + i + "]");
            }
        }
    }

    @Test
    void refusesMismatchedShapesAndBadTemperatures() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z1 = m.zeros(new Shape(3, 2));
            NDArray z2 = m.zeros(new Shape(2, 2));
            var e = assertThrows(InvalidArgumentException.class, () -> NtXent.loss(z1, z2, 0.2f));
            assertTrue(e.getMessage().contains("got z1 (3, 2) and z2 (2, 2)"), e.getMessage());
            var t = assertThrows(InvalidArgumentException.class, () -> NtXent.loss(z1, z1, 0f));
            assertTrue(
                    t.getMessage().contains("temperature must be a finite number > 0, got 0.0"),
                    t.getMessage());
        }
    }
}
