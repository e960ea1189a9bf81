package org.hepgraph.detectors;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.hepgraph.data.Graph;
import org.hepgraph.train.TrainingHistory;
import org.hepgraph.train.TrainingListener;

/**
 * A graph-level anomaly detector of one registered kind: fitted on normal graphs only, it gives
 * every graph one score, higher meaning more anomalous.
 *
 * <p>Created by {@link Detectors#create} (or a {@link DetectorFactory}) from an immutable {@link
 * DetectorConfig}; saved and loaded with {@link DetectorIO}. A detector owns native memory (its
 * weights) until {@link #close()}. Width of the node features is inferred by {@link #fit}; a
 * detector that learns by gradient descent trains through {@link org.hepgraph.train.TrainingLoop},
 * one that needs no gradient (the size baseline) computes its statistics directly.
 */
public interface AnomalyDetector extends AutoCloseable {

    /** The registry key of this detector's kind, e.g. {@code "ocgin"}. */
    String kind();

    /** The immutable per-kind config this detector was created with. */
    DetectorConfig config();

    /**
     * Fits the detector to {@code normalGraphs} (all assumed normal), replacing whatever it had
     * learnt before. The node-feature width is taken from the graphs here.
     *
     * @param listeners told about each epoch (progress, checkpoints, logs); may be empty
     * @return per-epoch losses (empty for detectors without a training loop)
     */
    TrainingHistory fit(List<Graph> normalGraphs, TrainingListener... listeners);

    /** One score per graph, in order; higher = more anomalous. Needs a fitted detector. */
    float[] score(List<Graph> graphs);

    /**
     * The key/value map that {@link DetectorFactory#load} needs to rebuild this detector: the
     * config's {@link DetectorConfig#toMap()} plus whatever {@link #fit} inferred (e.g. {@code
     * inChannels}). Written by {@link DetectorIO#save}.
     */
    default Map<String, String> savedConfig() {
        return config().toMap();
    }

    /**
     * Writes the fitted state (weights, statistics) that {@link DetectorFactory#load} reads back;
     * called by {@link DetectorIO#save} after the header. Throws a {@link
     * org.hepgraph.HepgraphException} when the detector has not been fitted.
     */
    void saveWeights(OutputStream out) throws IOException;

    /** Frees the native memory this detector holds. */
    @Override
    void close();
}
