package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * k nearest neighbours in the η–φ plane, as PyG's {@code knn_graph} with {@code
 * flow="source_to_target"} (ParticleNet's EdgeConv neighbourhoods).
 *
 * <p>{@code ΔR_ij = sqrt((η_i − η_j)² + Δφ_ij²)} with {@code Δφ} folded into {@code [-π, π]}. For
 * every real particle {@code i} (the centre) the {@code k} real particles with the smallest {@code
 * ΔR} become sources of edges {@code j → i}; padding never takes part. A jet with {@code n ≤ k}
 * particles connects each node to all {@code n − 1} others, so in-degree is {@code min(k, n − 1)}
 * ({@code min(k, n)} with {@code optLoop(true)}, the node itself counting as its nearest
 * neighbour). Edges come sorted by (jet, centre, ΔR).
 *
 * <p>Computed for a whole chunk at once: {@code ΔR² [B, P, P]}, {@code topK} along the last axis,
 * one boolean selection. Needs features named {@code eta} and {@code phi}. Shapes: in {@code values
 * [B, P, F]}; out {@code x [N, F_out]}, {@code edgeIndex [2, E]}. Options: see {@link
 * JetGraphBuilder}.
 */
public final class KnnGraph extends JetGraphBuilder<KnnGraph> {

    private final int k;

    private KnnGraph(int k, Options options) {
        super(options);
        this.k = k;
    }

    /** k nearest neighbours in ΔR; {@code k ≥ 1}. */
    public static KnnGraph deltaR(int k) {
        if (k < 1) {
            throw new InvalidArgumentException(
                    "KnnGraph.deltaR: k = " + k + "; the number of neighbours must be at least 1");
        }
        return new KnnGraph(k, Options.DEFAULT);
    }

    public int k() {
        return k;
    }

    @Override
    KnnGraph with(Options newOptions) {
        return new KnnGraph(k, newOptions);
    }

    @Override
    String name() {
        return "KnnGraph";
    }

    @Override
    NDArray[] edges(JetCloud cloud) {
        NDArray masked =
                cloud.farWhereNot(cloud.pairMask(options.loop()), cloud.pairwiseDeltaR2(name()));
        int kk = Math.min(k, cloud.maxParticles);
        NDList top = masked.topK(kk, 2, false, true);
        NDArray select = top.get(0).isInfinite().logicalNot();
        return new NDArray[] {select, top.get(1)};
    }

    @Override
    public String toString() {
        return "KnnGraph(deltaR, k=" + k + ", " + optionsString() + ")";
    }
}
