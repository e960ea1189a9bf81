package org.hepgraph.detectors.size;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.train.TrainingHistory;
import org.hepgraph.train.TrainingListener;

/**
 * The size-only baseline: how far a graph's node count lies from the training graphs' mean.
 *
 * <pre>
 *   score(G) = | n_G − mean_{G' ∈ train} n_G' |      (n = node count)
 * </pre>
 *
 * Needs no gradient and skips the training loop: {@link #fit} computes the mean and returns an
 * empty history. Beside a learnt detector it shows what the detector finds beyond graph size. Its
 * saved state is the mean, one float64.
 */
public final class SizeDetector implements AnomalyDetector {

    private final SizeConfig config;
    private double meanNodes = Double.NaN;

    public SizeDetector(SizeConfig config) {
        this.config = config;
    }

    /** A fitted detector from the saved mean. */
    static SizeDetector load(SizeConfig config, InputStream in) throws IOException {
        SizeDetector d = new SizeDetector(config);
        double mean = new DataInputStream(in).readDouble();
        if (!Double.isFinite(mean) || mean < 0) {
            throw new ModelFormatException(
                    "size: the saved mean node count is " + mean + ", not a count; save it again");
        }
        d.meanNodes = mean;
        return d;
    }

    @Override
    public String kind() {
        return SizeConfig.KIND;
    }

    @Override
    public DetectorConfig config() {
        return config;
    }

    /** The training graphs' mean node count (NaN before {@link #fit}). */
    public double meanNodes() {
        return meanNodes;
    }

    @Override
    public TrainingHistory fit(List<Graph> normalGraphs, TrainingListener... listeners) {
        if (normalGraphs.isEmpty()) {
            throw new InvalidGraphException("size.fit: no training graphs; give at least 1");
        }
        long sum = 0;
        for (Graph g : normalGraphs) {
            sum += g.numNodes();
        }
        meanNodes = (double) sum / normalGraphs.size();
        return new TrainingHistory(List.of(), List.of(), -1, false, 0);
    }

    @Override
    public float[] score(List<Graph> graphs) {
        if (Double.isNaN(meanNodes)) {
            throw new InvalidArgumentException(
                    "size.score: the detector is not fitted; call fit(graphs) first");
        }
        float[] s = new float[graphs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.abs(graphs.get(i).numNodes() - meanNodes);
        }
        return s;
    }

    @Override
    public void saveWeights(OutputStream out) throws IOException {
        if (Double.isNaN(meanNodes)) {
            throw new InvalidArgumentException(
                    "size.saveWeights: the detector is not fitted; call fit(graphs) first");
        }
        DataOutputStream dos = new DataOutputStream(out);
        dos.writeDouble(meanNodes);
        dos.flush();
    }

    @Override
    public void close() {}
}
