package org.hepgraph.detectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.train.TrainingConfig;

/**
 * The training options every trained detector declares ({@code epochs, batchSize, lr, cosine,
 * clipNorm, validationFraction, patience, seed}), with the defaults of {@link
 * TrainingConfig#DEFAULTS}: a kind declares {@link #with with(its own options)} and reads them back
 * with {@link #read}.
 */
public final class TrainingOptions {

    private static final TrainingConfig D = TrainingConfig.DEFAULTS;

    /** The training options with their defaults. */
    public static final List<DetectorOption> OPTIONS =
            List.of(
                    new DetectorOption(
                            "epochs", Integer.toString(D.epochs()), "maximum training epochs"),
                    new DetectorOption(
                            "batchSize", Integer.toString(D.batchSize()), "graphs per step"),
                    new DetectorOption("lr", Float.toString(D.lr()), "Adam learning rate"),
                    new DetectorOption(
                            "cosine",
                            Boolean.toString(D.cosine()),
                            "cosine decay of the learning rate to 1 % over all steps"),
                    new DetectorOption(
                            "clipNorm",
                            Float.toString(D.clipNorm()),
                            "rescale gradients whose global L2 norm exceeds this (0: off)"),
                    new DetectorOption(
                            "validationFraction",
                            Double.toString(D.validationFraction()),
                            "share of the training graphs held out for early stopping, [0, 1)"),
                    new DetectorOption(
                            "patience",
                            Integer.toString(D.patience()),
                            "epochs without a better validation loss before stopping"),
                    new DetectorOption(
                            "seed",
                            Long.toString(D.seed()),
                            "seeds the weights, the validation split and the batch order"));

    private TrainingOptions() {}

    /** A kind's options: {@code own} followed by the training options. */
    public static List<DetectorOption> with(DetectorOption... own) {
        List<DetectorOption> all = new ArrayList<>(List.of(own));
        all.addAll(OPTIONS);
        return List.copyOf(all);
    }

    /** The training config in {@code s}, each value range-checked. */
    public static TrainingConfig read(Settings s) {
        return new TrainingConfig(
                s.intIn("epochs", 1, 1_000_000),
                s.intIn("batchSize", 1, 1_000_000),
                (float) s.doubleIn("lr", 0, 10),
                s.bool("cosine"),
                (float) s.doubleFromTo("clipNorm", 0, Double.MAX_VALUE),
                s.doubleFromTo("validationFraction", 0, 1),
                s.intIn("patience", 1, 1_000_000),
                s.longValue("seed"));
    }

    /** {@code t} as option text, in the order of {@link #OPTIONS}. */
    public static Map<String, String> write(TrainingConfig t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", Integer.toString(t.epochs()));
        m.put("batchSize", Integer.toString(t.batchSize()));
        m.put("lr", Float.toString(t.lr()));
        m.put("cosine", Boolean.toString(t.cosine()));
        m.put("clipNorm", Float.toString(t.clipNorm()));
        m.put("validationFraction", Double.toString(t.validationFraction()));
        m.put("patience", Integer.toString(t.patience()));
        m.put("seed", Long.toString(t.seed()));
        return m;
    }
}
