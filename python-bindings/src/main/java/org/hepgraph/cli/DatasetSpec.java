package org.hepgraph.cli;

import java.util.List;
import org.hepgraph.data.Graph;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.experiments.Fold;
import org.hepgraph.experiments.Splits;
import org.hepgraph.io.DatasetSources;

/**
 * The {@code --dataset} argument of {@code train} and {@code score}, opened through {@link
 * DatasetSources} and split by {@link Splits}: the normal graphs to train on and the graphs to
 * score.
 */
record DatasetSpec(Dataset dataset, Fold fold) {

    static DatasetSpec open(DatasetOptions o, long seed, GraphRecipe model) {
        Dataset ds = DatasetSources.open(o.dataset, o.sourceOptions(seed, model));
        return new DatasetSpec(ds, Splits.fold(ds, o.splitOptions(seed), o.fold));
    }

    String name() {
        return dataset.uri();
    }

    List<Graph> train() {
        return fold.train();
    }

    List<Graph> test() {
        return fold.test();
    }
}
