package org.hepgraph.train;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Calls a {@link Writer} after every epoch whose validation loss is the lowest so far (e.g. to save
 * the detector with {@code DetectorIO.save}), so that an interrupted run leaves its best model
 * behind.
 */
public final class Checkpointing implements TrainingListener {

    private final Writer writer;
    private double best = Double.POSITIVE_INFINITY;

    public Checkpointing(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void onTrainingStart(TrainingState state) {
        best = Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, double trainLoss, double validationLoss) {
        if (validationLoss < best) {
            best = validationLoss;
            try {
                writer.write(epoch, validationLoss);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Checkpointing: writing the checkpoint of epoch " + (epoch + 1) + " failed",
                        e);
            }
        }
    }

    /** Saves the current weights. */
    @FunctionalInterface
    public interface Writer {
        void write(int epoch, double validationLoss) throws IOException;
    }
}
