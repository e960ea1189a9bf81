package org.hepgraph.train;

import java.util.Locale;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * How a detector trains; the one place where training defaults live (the library, every detector's
 * options and the CLI read {@link #DEFAULTS}).
 *
 * <p>Defaults: 40 epochs, batch 64, Adam at 1e-3 with a cosine decay to 1 % over all steps, clip
 * norm 5, 10 % of the graphs held out for validation, patience 8 epochs, seed 0. These are the
 * settings that produced the published demo and TU figures (the CLI's, which the library now
 * shares; the trainer's own 50 / 10 is gone). With the cosine decay the validation loss usually
 * still falls at the last epoch on jets, so early stopping seldom ends a run early: it is kept as a
 * guard that restores the best epoch's weights when a run does overfit or diverge late, not as a
 * way to save time. Turn the decay off ({@code cosine=false}) to let patience act.
 *
 * @param epochs maximum epochs, ≥ 1
 * @param batchSize graphs per step, ≥ 1
 * @param lr Adam learning rate, &gt; 0
 * @param cosine whether the rate decays along a cosine to 1 % of {@code lr} over all steps
 * @param clipNorm gradients whose global L2 norm exceeds this are rescaled to it; 0 disables
 * @param validationFraction share of the graphs held out for early stopping, in [0, 1); nothing is
 *     held out with fewer than 10 graphs
 * @param patience epochs without a lower validation loss before stopping, ≥ 1
 * @param seed seeds the initial weights, the validation split and the batch order
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        float lr,
        boolean cosine,
        float clipNorm,
        double validationFraction,
        int patience,
        long seed) {

    /** The defaults described above. */
    public static final TrainingConfig DEFAULTS =
            new TrainingConfig(40, 64, 1e-3f, true, 5f, 0.1, 8, 0);

    public TrainingConfig {
        if (epochs <= 0 || batchSize <= 0 || !(lr > 0) || patience <= 0) {
            throw new InvalidArgumentException(
                    String.format(
                            Locale.ROOT,
                            "TrainingConfig: epochs, batchSize, lr and patience must be > 0, got"
                                    + " %d, %d, %g, %d",
                            epochs,
                            batchSize,
                            lr,
                            patience));
        }
        if (!(clipNorm >= 0) || Float.isInfinite(clipNorm)) {
            throw new InvalidArgumentException(
                    "TrainingConfig: clipNorm must be a finite number >= 0 (0 disables), got "
                            + clipNorm);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new InvalidArgumentException(
                    "TrainingConfig: validationFraction must lie in [0, 1), got "
                            + validationFraction);
        }
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(
                e, batchSize, lr, cosine, clipNorm, validationFraction, patience, seed);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(
                epochs, batchSize, lr, cosine, clipNorm, validationFraction, patience, s);
    }
}
