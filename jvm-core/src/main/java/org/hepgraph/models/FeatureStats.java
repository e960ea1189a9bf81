package org.hepgraph.models;

import java.util.List;
import org.hepgraph.data.Graph;

/**
 * Per-feature mean and standard deviation of the nodes of a graph set, for {@link
 * GraphAnomalyModel#setFeatureScaling}.
 *
 * @param mean {@code [F]}
 * @param std {@code [F]} (population standard deviation)
 */
public record FeatureStats(float[] mean, float[] std) {

    /** The statistics of every node of {@code graphs} (at least one graph). */
    public static FeatureStats of(List<Graph> graphs) {
        int f = graphs.get(0).numFeatures();
        double[] sum = new double[f];
        double[] sumSquares = new double[f];
        long n = 0;
        for (Graph g : graphs) {
            float[] x = g.x();
            for (int i = 0; i < x.length; i++) {
                sum[i % f] += x[i];
                sumSquares[i % f] += (double) x[i] * x[i];
            }
            n += g.numNodes();
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int k = 0; k < f; k++) {
            double m = sum[k] / n;
            mean[k] = (float) m;
            std[k] = (float) Math.sqrt(Math.max(0, sumSquares[k] / n - m * m));
        }
        return new FeatureStats(mean, std);
    }
}
