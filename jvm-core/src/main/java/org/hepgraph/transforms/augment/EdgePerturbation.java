package org.hepgraph.transforms.augment;

import java.util.Random;
import org.hepgraph.data.Graph;

/**
 * Edge perturbation (GraphCL's {@code permute_edges}): removes {@code ⌊dropRate · E⌋} edges chosen
 * uniformly without replacement, then adds {@code ⌊addRate · E⌋} edges between nodes drawn
 * uniformly (no self loops; an added edge may repeat an existing one).
 *
 * <p>Edges are treated as the directed columns of {@code edgeIndex}, as GraphCL does: dropping one
 * direction of an undirected pair leaves the other. Kept edges keep their order and features; added
 * edges come after them with edge features {@code 0}. Nodes, positions and the label are unchanged.
 * Options: {@code dropRate}, {@code addRate} in [0, 1) ({@link #of(double)} uses one rate for both,
 * so the edge count is kept, as GraphCL's default of 0.2).
 */
public final class EdgePerturbation implements GraphAugmentation {

    private final double dropRate;
    private final double addRate;

    /** Drops {@code ⌊dropRate · E⌋} edges and adds {@code ⌊addRate · E⌋} random ones. */
    public EdgePerturbation(double dropRate, double addRate) {
        this.dropRate = Augmentations.checkRate("EdgePerturbation", "dropRate", dropRate);
        this.addRate = Augmentations.checkRate("EdgePerturbation", "addRate", addRate);
    }

    /** Drops and adds {@code ⌊rate · E⌋} edges each. */
    public static EdgePerturbation of(double rate) {
        return new EdgePerturbation(rate, rate);
    }

    public double dropRate() {
        return dropRate;
    }

    public double addRate() {
        return addRate;
    }

    @Override
    public Graph apply(Graph graph, Random random) {
        int n = graph.numNodes();
        int e = graph.numEdges();
        int drop = (int) Math.floor(dropRate * e);
        int add = n < 2 ? 0 : (int) Math.floor(addRate * e);
        if (drop == 0 && add == 0) {
            return graph;
        }
        boolean[] dropped = Augmentations.choose(e, drop, random);
        long[] ei = graph.edgeIndex();
        int d = graph.edgeDim();
        float[] ea = graph.edgeAttr();
        int total = e - drop + add;
        long[] nei = new long[2 * total];
        float[] nea = new float[total * d];
        int c = 0;
        for (int k = 0; k < e; k++) {
            if (!dropped[k]) {
                nei[c] = ei[k];
                nei[total + c] = ei[e + k];
                System.arraycopy(ea, k * d, nea, c * d, d);
                c++;
            }
        }
        for (int k = 0; k < add; k++) {
            int s = random.nextInt(n);
            int t = random.nextInt(n - 1);
            // Shifting past s draws t uniformly among the other n - 1 nodes.
            nei[c] = s;
            nei[total + c] = t >= s ? t + 1 : t;
            c++;
        }
        Graph.Builder b = Augmentations.like(graph, n, graph.x(), graph.pos()).edges(nei);
        if (d > 0) {
            b.edgeAttr(d, nea);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "EdgePerturbation(dropRate=" + dropRate + ", addRate=" + addRate + ")";
    }
}
