package org.hepgraph.train;

import java.io.PrintStream;
import java.util.Locale;

/** Draws a {@link ProgressBar} over the epochs, with the training and validation losses. */
public final class ProgressListener implements TrainingListener {

    private final PrintStream out;
    private final String label;
    private ProgressBar bar = ProgressBar.silent();

    /**
     * @param out where to draw (a terminal or a log)
     * @param label shown before the bar, e.g. {@code "train ocgin"}
     */
    public ProgressListener(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void onTrainingStart(TrainingState state) {
        bar = new ProgressBar(out, label, state.config().epochs());
    }

    @Override
    public void onEpochEnd(int epoch, double trainLoss, double validationLoss) {
        bar.update(
                epoch + 1,
                String.format(Locale.ROOT, "loss %.4g val %.4g", trainLoss, validationLoss));
    }
}
