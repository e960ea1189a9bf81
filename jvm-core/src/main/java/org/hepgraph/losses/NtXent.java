package org.hepgraph.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The normalised temperature-scaled cross-entropy loss (NT-Xent) of SimCLR (Chen et al., "A Simple
 * Framework for Contrastive Learning of Visual Representations", ICML 2020), as used by GraphCL.
 *
 * <pre>
 *   u_i = z_i / ‖z_i‖                        for the 2B rows of [z1; z2]
 *   s_ij = u_i · u_j / τ
 *   ℓ_i = −log( exp(s_{i,p(i)}) / Σ_{j ≠ i} exp(s_ij) ),   p(i) = i ± B (the other view)
 *   loss = (1 / 2B) Σ_i ℓ_i
 * </pre>
 *
 * <p>Each row's positive is the other view of the same graph; the other {@code 2B − 2} rows of the
 * batch, of both views, are its negatives; a row is never compared with itself. Shapes: {@code z1
 * [B, D]}, {@code z2 [B, D]} → a scalar. All constants are arrays of {@code z1}'s manager, so the
 * result may be differentiated after Java has dropped them (see {@code AutogradLifetimeTest}).
 */
public final class NtXent {

    /** Added to ‖z‖² so that a zero embedding gives a zero direction, not a NaN gradient. */
    private static final float EPS = 1e-12f;

    /** Logit of a self-pair: exp underflows to exactly 0 in float32. */
    private static final float EXCLUDED = -1e9f;

    private NtXent() {}

    /**
     * The mean NT-Xent loss of the {@code 2B} rows.
     *
     * @param z1 first view's embeddings {@code [B, D]}
     * @param z2 second view's embeddings {@code [B, D]}, row {@code i} the same graph as in z1
     * @param temperature τ > 0 (GraphCL uses 0.2)
     */
    public static NDArray loss(NDArray z1, NDArray z2, float temperature) {
        check(z1, z2, temperature);
        NDManager m = z1.getManager();
        int b = (int) z1.getShape().get(0);
        int n = 2 * b;
        NDArray z = z1.concat(z2, 0);
        NDArray u = z.div(z.square().sum(new int[] {1}, true).add(constant(z, EPS)).sqrt());
        NDArray sim = u.matMul(u.transpose()).mul(constant(z, 1f / temperature));
        float[] self = new float[n * n];
        float[] positive = new float[n * n];
        for (int i = 0; i < n; i++) {
            self[i * n + i] = EXCLUDED;
            positive[i * n + (i + b) % n] = 1f;
        }
        NDArray logp = sim.add(matrix(m, z, self, n)).logSoftmax(1);
        return logp.mul(matrix(m, z, positive, n)).sum().neg().div(constant(z, n));
    }

    private static NDArray constant(NDArray like, float value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }

    private static NDArray matrix(NDManager m, NDArray like, float[] values, int n) {
        return m.create(values, new Shape(n, n))
                .toType(like.getDataType(), false)
                .toDevice(like.getDevice(), false);
    }

    private static void check(NDArray z1, NDArray z2, float temperature) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new InvalidArgumentException(
                    "NtXent.loss: temperature must be a finite number > 0, got "
                            + temperature
                            + "; GraphCL uses 0.2");
        }
        Shape s1 = z1.getShape();
        Shape s2 = z2.getShape();
        if (s1.dimension() != 2 || !s1.equals(s2) || s1.get(0) == 0) {
            throw new InvalidArgumentException(
                    "NtXent.loss: z1 and z2 must be non-empty [B, D] arrays of the same shape "
                            + "(row i of both = two views of graph i), got z1 "
                            + s1
                            + " and z2 "
                            + s2);
        }
        if (z1.getDataType() != DataType.FLOAT32 && z1.getDataType() != DataType.FLOAT64) {
            throw new InvalidArgumentException(
                    "NtXent.loss: embeddings must be float32 or float64, got " + z1.getDataType());
        }
    }
}
