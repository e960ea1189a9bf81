package org.hepgraph.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.experiments.GlocalkdFolds;
import org.hepgraph.experiments.RowRange;
import org.hepgraph.experiments.Splits;
import picocli.CommandLine.Option;

/** The dataset options shared by {@code train} and {@code score} (picocli mixin). */
final class DatasetOptions {

    @Option(
            names = "--dataset",
            defaultValue = "toy",
            description =
                    "toy[:jets=N,seed=S], tu:NAME, h5:FILE, toptag:FILE, adc2021:FILE,"
                            + " csv:FILE?layout=L, images:FILE, jetimages:URI, graphs:DIR; file"
                            + " options after '?', e.g. adc2021:bg.h5?signal=sig.h5&k=4 (default:"
                            + " ${DEFAULT-VALUE}); see docs/data.md for the file layouts.")
    String dataset;

    @Option(
            names = "--fold",
            defaultValue = "0",
            description = "Fold of a TU dataset (default: ${DEFAULT-VALUE}).")
    int fold;

    @Option(
            names = "--folds",
            description =
                    "Folds of the GLocalKD protocol for TU datasets (train: default 5; score: the"
                            + " model's).")
    Integer folds;

    @Option(names = "--jets", description = "Toy jets per class (default: 4000).")
    Integer jets;

    @Option(
            names = "--k",
            description =
                    "kNN neighbours for jets (train: default 16; score: the model's own k, and"
                            + " another value is refused).")
    Integer k;

    @Option(
            names = "--node-features",
            description = "Jet node features: relative (default) or raw.")
    String nodeFeatures;

    @Option(
            names = "--train-rows",
            description =
                    "Rows to train on, FROM:TO (TO excluded), e.g. 0:5000 (default: every row of an"
                            + " unlabelled file, the label-0 rows of a labelled one).")
    String trainRows;

    @Option(
            names = "--train-label",
            description = "Train on the rows with this label (labelled files only), e.g. 0.")
    Integer trainLabel;

    /** The source options; a model's recipe fills in what the user left out. */
    Map<String, String> sourceOptions(long seed, GraphRecipe model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(seed));
        if (jets != null) {
            m.put("jets", jets.toString());
        }
        if (k != null) {
            m.put("k", k.toString());
        } else if (model != null && model.k() > 0) {
            m.put("k", Integer.toString(model.k()));
        }
        if (nodeFeatures != null) {
            m.put("node_features", nodeFeatures);
        } else if (model != null && model.k() > 0) {
            m.put("node_features", model.nodeFeatures());
        }
        return m;
    }

    Splits.Options splitOptions(long seed) {
        return new Splits.Options(
                folds == null ? GlocalkdFolds.DEFAULT_FOLDS : folds,
                seed,
                trainRows == null ? null : RowRange.parse(trainRows),
                trainLabel);
    }

    DatasetSpec load(long seed) {
        return DatasetSpec.open(this, seed, null);
    }

    /** Sum for TU molecules (as published), mean for dense kNN jet graphs. */
    String defaultAggregation() {
        return dataset.startsWith("tu:") ? "sum" : "mean";
    }
}
