package org.hepgraph.detectors.gin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Settings;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * Options and checks shared by the GIN-based detector kinds: the GIN encoder's {@code hidden},
 * {@code layers} and {@code aggregation}, read, checked and written the same way by OCGIN, the
 * graph autoencoder, GLocalKD and GraphCL.
 */
public final class GinOptions {

    /** The largest {@code hidden} (and {@code latent}) a GIN kind accepts. */
    public static final int MAX_WIDTH = 4096;

    /** The most GIN {@code layers} a GIN kind accepts. */
    public static final int MAX_LAYERS = 64;

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

    /** The {@code hidden} option in {@code s}, in [1, {@value #MAX_WIDTH}]. */
    public static int hidden(Settings s) {
        return s.intIn("hidden", 1, MAX_WIDTH);
    }

    /** The {@code layers} option in {@code s}, in [1, {@value #MAX_LAYERS}]. */
    public static int layers(Settings s) {
        return s.intIn("layers", 1, MAX_LAYERS);
    }

    /** The {@code aggregation} option in {@code s}: {@code sum} or {@code mean}. */
    public static Aggregation aggregation(Settings s) {
        return Aggregation.valueOf(s.choice("aggregation", "sum", "mean").toUpperCase(Locale.ROOT));
    }

    /** A new map of option text, {@code hidden} then {@code layers}; a config appends the rest. */
    public static Map<String, String> widths(int hidden, int layers) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Integer.toString(hidden));
        m.put("layers", Integer.toString(layers));
        return m;
    }

    /** {@code a} as option text ({@code sum}, {@code mean}). */
    public static String text(Aggregation a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    /** Refuses a {@code hidden} or {@code layers} outside the ranges {@link #hidden} reads. */
    static void checkWidths(String kind, int hidden, int layers) {
        checkRange(kind, "hidden", hidden, 1, MAX_WIDTH);
        checkRange(kind, "layers", layers, 1, MAX_LAYERS);
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
