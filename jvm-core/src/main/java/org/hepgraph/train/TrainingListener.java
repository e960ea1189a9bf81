package org.hepgraph.train;

/**
 * Told by {@link TrainingLoop} what a run does; progress bars, early stopping, checkpoints and
 * metric logs are listeners. Every callback has an empty default.
 *
 * <p>Order within a run: {@link #onTrainingStart} once, {@link #onEpochEnd} after each epoch (in
 * the order the listeners were given), {@link #onTrainingEnd} once, also after an early stop.
 */
public interface TrainingListener {

    /**
     * Before the first epoch. {@code state} stays valid for the whole run: it gives the trained
     * parameters (to snapshot or restore), the config, the step count, and {@link
     * TrainingState#requestStop}.
     */
    default void onTrainingStart(TrainingState state) {}

    /**
     * After each epoch.
     *
     * @param epoch 0-based index of the epoch just finished
     * @param trainLoss mean per-graph training loss of the epoch
     * @param validationLoss mean per-graph loss on the held-out graphs (the training loss when
     *     nothing is held out)
     */
    default void onEpochEnd(int epoch, double trainLoss, double validationLoss) {}

    /** After the last epoch (or an early stop). */
    default void onTrainingEnd() {}
}
