package org.hepgraph.transforms.augment;

import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;

/**
 * Feature masking (GraphCL's {@code mask_nodes}): replaces the whole feature row of {@code ⌊rate ·
 * N⌋} nodes, chosen uniformly without replacement, by a fill vector.
 *
 * <p>GraphCL fills with Gaussian noise; here the fill is a fixed vector (default all zeros), so
 * that a masked node carries no information. A detector that standardises features inside the model
 * passes the training mean, which standardises to exactly 0. Edges, positions and the label are
 * unchanged. Options: {@code rate} in [0, 1) (GraphCL uses 0.2), {@code fill} of length F.
 */
public final class FeatureMask implements GraphAugmentation {

    private final double rate;
    private final float[] fill;

    /** Masks {@code ⌊rate · N⌋} nodes with zeros. */
    public FeatureMask(double rate) {
        this(rate, null);
    }

    /**
     * Masks {@code ⌊rate · N⌋} nodes with {@code fill}.
     *
     * @param fill the replacement row (length F), or {@code null} for zeros of any width
     */
    public FeatureMask(double rate, float[] fill) {
        this.rate = Augmentations.checkRate("FeatureMask", "rate", rate);
        this.fill = fill == null ? null : fill.clone();
    }

    public double rate() {
        return rate;
    }

    @Override
    public Graph apply(Graph graph, Random random) {
        int n = graph.numNodes();
        int f = graph.numFeatures();
        if (fill != null && fill.length != f) {
            throw new InvalidArgumentException(
                    "FeatureMask: the fill vector has "
                            + fill.length
                            + " values but the graph has "
                            + f
                            + " node features; give one fill value per feature");
        }
        int mask = (int) Math.floor(rate * n);
        if (mask == 0 || f == 0) {
            return graph;
        }
        boolean[] masked = Augmentations.choose(n, mask, random);
        float[] x = graph.x();
        float[] row = fill == null ? new float[f] : fill;
        for (int i = 0; i < n; i++) {
            if (masked[i]) {
                System.arraycopy(row, 0, x, i * f, f);
            }
        }
        Graph.Builder b = Augmentations.like(graph, n, x, graph.pos()).edges(graph.edgeIndex());
        if (graph.edgeDim() > 0) {
            b.edgeAttr(graph.edgeDim(), graph.edgeAttr());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "FeatureMask(rate=" + rate + ")";
    }
}
