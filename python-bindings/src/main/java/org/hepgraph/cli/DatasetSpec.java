package org.hepgraph.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.io.hdf5.JetHdf5;
import org.hepgraph.io.tu.AnomalySplit;
import org.hepgraph.train.Devices;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;

/**
 * The {@code --dataset} argument of {@code train} and {@code score}, split into the normal graphs
 * to train on and the labelled graphs to test on.
 *
 * <ul>
 *   <li>{@code toy}: toy jets (seeded), kNN graphs in ΔR; train on background, test on both.
 *   <li>{@code tu:NAME}: a TU dataset under the GLocalKD protocol; fold {@code --fold}.
 *   <li>{@code h5:FILE}: jets in an HDF5 file ({@link JetHdf5}); kNN graphs; train on the label-0
 *       jets of the first half, test on every jet of the second half.
 * </ul>
 */
record DatasetSpec(String name, List<Graph> train, List<Graph> test) {

    static DatasetSpec load(String spec, int fold, long seed, int jets, int k) {
        if (spec.equals("toy")) {
            PaddedParticles train = ToyJets.builder().optSeed(seed).build().background(jets);
            ToyJets testGen = ToyJets.builder().optSeed(seed + 1).build();
            KnnGraph knn = KnnGraph.deltaR(k).optNodeFeatures(JetNodeFeatures.RELATIVE);
            try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
                List<Graph> test = new ArrayList<>(knn.toGraphs(m, testGen.background(jets)));
                test.addAll(knn.toGraphs(m, testGen.signal(jets)));
                return new DatasetSpec("toy", knn.toGraphs(m, train), test);
            }
        }
        if (spec.startsWith("tu:")) {
            var folds = AnomalySplit.forName(spec.substring(3), AnomalySplit.DEFAULT_FOLDS, seed);
            if (fold < 0 || fold >= folds.size()) {
                throw new InvalidArgumentException(
                        "--fold " + fold + " outside [0, " + folds.size() + ") for " + spec);
            }
            return new DatasetSpec(spec, folds.get(fold).train(), folds.get(fold).test());
        }
        if (spec.startsWith("h5:")) {
            PaddedParticles file = JetHdf5.read(Path.of(spec.substring(3)));
            int half = file.numJets() / 2;
            KnnGraph knn = KnnGraph.deltaR(k).optNodeFeatures(JetNodeFeatures.RELATIVE);
            try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
                List<Graph> first = knn.toGraphs(m, file.slice(0, half));
                List<Graph> train = first.stream().filter(g -> g.y() == 0).toList();
                return new DatasetSpec(
                        spec, train, knn.toGraphs(m, file.slice(half, file.numJets())));
            }
        }
        throw new InvalidArgumentException(
                "--dataset '"
                        + spec
                        + "' is not understood; use toy, tu:NAME (e.g. tu:AIDS) or h5:FILE");
    }
}
