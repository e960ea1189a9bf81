package org.hepgraph.cli;

import picocli.CommandLine.Option;

/** The dataset options shared by {@code train} and {@code score} (picocli mixin). */
final class DatasetOptions {

    @Option(
            names = "--dataset",
            defaultValue = "toy",
            description = "toy, tu:NAME or h5:FILE (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--fold",
            defaultValue = "0",
            description = "Fold of a TU dataset (default: ${DEFAULT-VALUE}).")
    int fold;

    @Option(
            names = "--jets",
            defaultValue = "4000",
            description = "Toy jets per class (default: ${DEFAULT-VALUE}).")
    int jets;

    @Option(
            names = "--k",
            defaultValue = "16",
            description = "kNN neighbours for jets (default: ${DEFAULT-VALUE}).")
    int k;

    DatasetSpec load(long seed) {
        return DatasetSpec.load(dataset, fold, seed, jets, k);
    }

    /** Sum for TU molecules (as published), mean for dense kNN jet graphs. */
    String defaultAggregation() {
        return dataset.startsWith("tu:") ? "sum" : "mean";
    }
}
