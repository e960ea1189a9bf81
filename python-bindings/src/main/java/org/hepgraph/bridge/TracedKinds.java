package org.hepgraph.bridge;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.detectors.gin.GinFactory;
import org.hepgraph.detectors.graphcl.GraphCL;
import org.hepgraph.detectors.graphcl.GraphCLConfig;
import org.hepgraph.train.TrainingConfig;

/**
 * The detector kinds a {@link DetectorTrace} drives (those with a PyG reference in {@code
 * tests/detectors}) and the model it drives for each: the {@link GinFactory} model of ocgin, gae
 * and glocalkd, {@link GraphCL} for graphcl.
 */
final class TracedKinds {

    static final List<String> KINDS = List.of("ocgin", "gae", "glocalkd", "graphcl");

    private TracedKinds() {}

    /** How {@code c} trains; refuses a kind that has no trace. */
    static TrainingConfig training(DetectorConfig c) {
        if (KINDS.contains(c.kind()) && c instanceof TrainedConfig t) {
            return t.training();
        }
        throw new InvalidArgumentException(
                "DetectorTrace: kind '"
                        + c.kind()
                        + "' has no trace; use one of "
                        + String.join(", ", KINDS));
    }

    /**
     * The model a detector of {@code config} ({@link #training} accepted it) trains, for node
     * features of width {@code inChannels}, initialised in {@code manager} with values of {@code
     * dataType}.
     */
    static AbstractBlock model(
            DetectorFactory factory,
            DetectorConfig config,
            int inChannels,
            NDManager manager,
            DataType dataType) {
        AbstractBlock block =
                config instanceof GraphCLConfig c
                        ? new GraphCL(inChannels, c.hidden(), c.layers(), c.aggregation())
                        : ((GinFactory<?>) factory).model(config, inChannels);
        // The detectors' initialiser; the values are replaced by loadParameters anyway.
        block.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        block.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        return block;
    }
}
