package org.hepgraph.detectors;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Makes detectors of one kind. Discovered by {@link java.util.ServiceLoader}: a new kind is a class
 * implementing this interface plus one line in {@code
 * META-INF/services/org.hepgraph.detectors.DetectorFactory}; nothing else (CLI, benchmark, model
 * files) needs to change.
 */
public interface DetectorFactory {

    /** The registry key, lower case, e.g. {@code "ocgin"}. */
    String kind();

    /** A human name for tables, e.g. {@code "OCGIN"}. */
    String displayName();

    /** One sentence: what the detector learns and how it scores. */
    String description();

    /** What a kind reads: graphs, or images carried as one-node graphs. */
    enum Input {
        /** Graphs of any size (the default). */
        GRAPHS,
        /**
         * Image data sets ({@link org.hepgraph.datasets.ImageLayout}: one node per graph, whose
         * features are the pixels), e.g. {@code images:FILE} or {@code jetimages:URI}.
         */
        IMAGES
    }

    /**
     * What this kind reads; {@link Input#GRAPHS} unless it says otherwise. {@code benchmark
     * --models all} runs the graph kinds; an image kind is asked for by name.
     */
    default Input input() {
        return Input.GRAPHS;
    }

    /** Every option with its default, in a stable order. */
    List<DetectorOption> options();

    /**
     * The config for {@code settings}: options absent from the map take their defaults.
     *
     * @throws org.hepgraph.HepgraphException.InvalidArgumentException for an unknown key (listing
     *     the valid keys) or a bad value (naming key, value and the valid range)
     */
    DetectorConfig config(Map<String, String> settings);

    /**
     * A new, unfitted detector for {@code config}, whose native memory lives on {@code device}.
     *
     * @throws org.hepgraph.HepgraphException.InvalidArgumentException if {@code config} belongs to
     *     another kind
     */
    AnomalyDetector create(DetectorConfig config, Device device);

    /**
     * A fitted detector rebuilt from what {@link AnomalyDetector#savedConfig()} and {@link
     * AnomalyDetector#saveWeights} wrote.
     */
    AnomalyDetector load(Map<String, String> savedConfig, InputStream weights, Device device)
            throws IOException;
}
