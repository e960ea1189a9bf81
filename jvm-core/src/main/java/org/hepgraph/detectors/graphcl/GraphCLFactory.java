package org.hepgraph.detectors.graphcl;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorChecks;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Settings;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.detectors.gin.GinOptions;

/**
 * Registers the {@code graphcl} detector: a contrastive GIN encoder (GraphCL, You et al., NeurIPS
 * 2020; NT-Xent of SimCLR, Chen et al., ICML 2020) scored by the mean distance to the k nearest
 * training embeddings.
 *
 * <p>Options and defaults: {@code hidden=32}, {@code layers=3}, {@code aggregation=sum} ({@code
 * mean} for dense jet graphs), {@code nodeDrop=0.2}, {@code edgeDrop=0.2}, {@code edgeAdd=0.2},
 * {@code featureMask=0.2} (GraphCL's augmentation ratio 0.2; each in [0, 1), 0 turns that
 * augmentation off), {@code temperature=0.2} (GraphCL's τ), {@code neighbours=5} (the k of the kNN
 * score; not called {@code k}, which is the kNN graph's k elsewhere in hepgraph), plus the training
 * options of {@link TrainingOptions}.
 */
public final class GraphCLFactory implements DetectorFactory {

    public static final String KIND = "graphcl";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "GraphCL (kNN)";
    }

    @Override
    public String description() {
        return "GIN encoder trained contrastively (NT-Xent) on two augmented views of each graph;"
                + " score = mean distance to the nearest (option neighbours) training embeddings";
    }

    @Override
    public List<DetectorOption> options() {
        return TrainingOptions.with(
                new DetectorOption("hidden", "32", "width of every GIN layer"),
                new DetectorOption(
                        "layers", "3", "GIN layers; the embedding has layers·hidden values"),
                new DetectorOption(
                        "aggregation",
                        "sum",
                        "sum|mean: GIN neighbour aggregation and graph readout (mean for dense jet"
                                + " graphs)"),
                new DetectorOption("nodeDrop", "0.2", "fraction of nodes each view drops, [0, 1)"),
                new DetectorOption("edgeDrop", "0.2", "fraction of edges each view drops, [0, 1)"),
                new DetectorOption(
                        "edgeAdd",
                        "0.2",
                        "random edges each view adds, as a fraction of E, [0, 1)"),
                new DetectorOption(
                        "featureMask",
                        "0.2",
                        "fraction of nodes whose features each view masks (to the training mean),"
                                + " [0, 1)"),
                new DetectorOption("temperature", "0.2", "NT-Xent temperature τ, > 0"),
                new DetectorOption(
                        "neighbours",
                        "5",
                        "k of the score: nearest training embeddings it averages the distance over"));
    }

    @Override
    public GraphCLConfig config(Map<String, String> settings) {
        Settings s = new Settings(KIND, settings, options());
        return new GraphCLConfig(
                GinOptions.hidden(s),
                GinOptions.layers(s),
                GinOptions.aggregation(s),
                s.doubleFromTo("nodeDrop", 0, 1),
                s.doubleFromTo("edgeDrop", 0, 1),
                s.doubleFromTo("edgeAdd", 0, 1),
                s.doubleFromTo("featureMask", 0, 1),
                (float) s.doubleIn("temperature", 0, 100),
                s.intIn("neighbours", 1, 100_000),
                TrainingOptions.read(s));
    }

    @Override
    public AnomalyDetector create(DetectorConfig config, Device device) {
        return new GraphCLDetector(
                DetectorChecks.expect(KIND, config, GraphCLConfig.class), device);
    }

    @Override
    public AnomalyDetector load(Map<String, String> savedConfig, InputStream weights, Device device)
            throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(savedConfig);
        int inChannels = DetectorChecks.takeInChannels(KIND, settings);
        return GraphCLDetector.load(config(settings), inChannels, weights, device);
    }
}
