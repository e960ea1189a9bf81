package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * All pairs closer than a radius in the η–φ plane, as PyG's {@code radius_graph}.
 *
 * <p>Edge {@code j → i} for real particles {@code i ≠ j} with {@code ΔR_ij ≤ r}, {@code ΔR_ij =
 * sqrt((η_i − η_j)² + Δφ_ij²)} and {@code Δφ} folded into {@code [-π, π]}. Option {@code
 * optMaxNeighbours(m)}, default 0 = unlimited: keep only the {@code m} nearest of them per centre
 * (PyG keeps an arbitrary {@code max_num_neighbors}; nearest is deterministic). Edges come sorted
 * by (jet, centre, neighbour), or (jet, centre, ΔR) with a maximum. Needs features {@code eta} and
 * {@code phi}. Shapes: out {@code x [N, F_out]}, {@code edgeIndex [2, E]}. Shared options: see
 * {@link JetGraphBuilder}.
 */
public final class RadiusGraph extends JetGraphBuilder<RadiusGraph> {

    private final double r;
    private final int maxNeighbours;

    private RadiusGraph(double r, int maxNeighbours, Options options) {
        super(options);
        this.r = r;
        this.maxNeighbours = maxNeighbours;
    }

    /** Neighbours within {@code ΔR ≤ r}; {@code r > 0} and finite. */
    public static RadiusGraph deltaR(double r) {
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new InvalidArgumentException(
                    "RadiusGraph.deltaR: r = " + r + "; the radius must be positive and finite");
        }
        return new RadiusGraph(r, 0, Options.DEFAULT);
    }

    /** Keeps at most {@code m} nearest neighbours per centre; 0 means no limit. */
    public RadiusGraph optMaxNeighbours(int m) {
        if (m < 0) {
            throw new InvalidArgumentException(
                    "RadiusGraph.optMaxNeighbours: m = " + m + "; use 0 for no limit or m ≥ 1");
        }
        return new RadiusGraph(r, m, options);
    }

    public double r() {
        return r;
    }

    public int maxNeighbours() {
        return maxNeighbours;
    }

    @Override
    RadiusGraph with(Options newOptions) {
        return new RadiusGraph(r, maxNeighbours, newOptions);
    }

    @Override
    String name() {
        return "RadiusGraph";
    }

    @Override
    NDArray[] edges(JetCloud cloud) {
        NDArray d2 = cloud.pairwiseDeltaR2(name());
        NDArray select = cloud.pairMask(options.loop()).logicalAnd(d2.lte(r * r));
        if (maxNeighbours == 0) {
            return new NDArray[] {select, cloud.allSlots()};
        }
        NDList top =
                cloud.farWhereNot(select, d2)
                        .topK(Math.min(maxNeighbours, cloud.maxParticles), 2, false, true);
        return new NDArray[] {top.get(0).isInfinite().logicalNot(), top.get(1)};
    }

    @Override
    public String toString() {
        return String.format(
                "RadiusGraph(deltaR, r=%s, maxNeighbours=%d, %s)",
                r, maxNeighbours, optionsString());
    }
}
