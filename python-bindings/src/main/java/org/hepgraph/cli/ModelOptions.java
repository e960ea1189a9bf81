package org.hepgraph.cli;

import java.io.PrintStream;
import org.hepgraph.models.ModelConfig;
import org.hepgraph.train.Trainer;
import picocli.CommandLine.Option;

/** Model and training options shared by the subcommands (picocli mixin). */
final class ModelOptions {

    @Option(
            names = "--hidden",
            defaultValue = "32",
            description = "GIN layer width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(
            names = "--layers",
            defaultValue = "3",
            description = "GIN layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(
            names = "--latent",
            defaultValue = "4",
            description = "Autoencoder bottleneck (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(
            names = "--aggregation",
            description =
                    "sum or mean, for GIN layers and OCGIN's readout (default: mean for jets, sum"
                            + " for TU graphs).")
    String aggregation;

    @Option(
            names = "--epochs",
            defaultValue = "40",
            description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = "64",
            description = "Graphs per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--lr",
            defaultValue = "0.001",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(
            names = "--patience",
            defaultValue = "8",
            description = "Early-stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed for weights, splits and batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The model config; {@code defaultAggregation} applies unless --aggregation was given. */
    ModelConfig config(String kind, int inChannels, String defaultAggregation) {
        return new ModelConfig(
                kind,
                inChannels,
                hidden,
                layers,
                latent,
                seed,
                aggregation == null ? defaultAggregation : aggregation);
    }

    Trainer trainer(PrintStream progress) {
        return Trainer.builder()
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optPatience(patience)
                .optSeed(seed)
                .optProgress(progress)
                .build();
    }
}
