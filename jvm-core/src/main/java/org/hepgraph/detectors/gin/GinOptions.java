package org.hepgraph.detectors.gin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.nn.Edges.Aggregation;

/** Options and checks shared by the GIN-based detector kinds (OCGIN, the graph autoencoder). */
final class GinOptions {

    static final int MAX_WIDTH = 4096;
    static final int MAX_LAYERS = 64;

    static final DetectorOption HIDDEN =
            new DetectorOption("hidden", "32", "width of the GIN layers, [1, " + MAX_WIDTH + "]");
    static final DetectorOption LAYERS =
            new DetectorOption("layers", "3", "number of GIN layers, [1, " + MAX_LAYERS + "]");
    static final DetectorOption AGGREGATION =
            new DetectorOption(
                    "aggregation",
                    "sum",
                    "sum (GIN as published, for molecules) or mean (bounded activations on"
                            + " dense kNN jet graphs): how GIN layers combine neighbours and how a"
                            + " graph is read out (the CLI suggests mean for jet data unless set)");

    private GinOptions() {}

    /** {@code own} followed by the training options. */
    static List<DetectorOption> with(DetectorOption... own) {
        List<DetectorOption> all = new ArrayList<>(List.of(own));
        all.addAll(TrainingOptions.OPTIONS);
        return List.copyOf(all);
    }

    static void checkRange(String kind, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException(
                    kind
                            + ": option "
                            + key
                            + "='"
                            + value
                            + "' is invalid; it must be an integer in ["
                            + min
                            + ", "
                            + max
                            + "]");
        }
    }

    static String checkAggregation(String kind, String aggregation) {
        String a = aggregation == null ? "" : aggregation.toLowerCase(Locale.ROOT);
        if (!a.equals("sum") && !a.equals("mean")) {
            throw new InvalidArgumentException(
                    kind
                            + ": option aggregation='"
                            + aggregation
                            + "' is invalid; it must be one of sum, mean");
        }
        return a;
    }

    static Aggregation aggregation(String a) {
        return a.equals("mean") ? Aggregation.MEAN : Aggregation.SUM;
    }

    /** {@code config} as {@code type}, or an error naming both kinds. */
    static <C> C expect(DetectorFactory factory, Object config, Class<C> type) {
        if (!type.isInstance(config)) {
            throw new InvalidArgumentException(
                    factory.kind()
                            + ": create() needs a "
                            + type.getSimpleName()
                            + ", got "
                            + (config == null ? "null" : config.getClass().getSimpleName())
                            + "; build it with Detectors.factory(\""
                            + factory.kind()
                            + "\").config(settings)");
        }
        return type.cast(config);
    }
}
