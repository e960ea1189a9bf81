package org.hepgraph.io.tu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.DatasetSource;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.io.DataPaths;

/**
 * {@code tu:NAME} — a TU data set from {@code $HEPGRAPH_DATA/tudataset-glad/NAME} ({@link
 * TuDatasetReader}), or {@code tu:PATH/NAME} for a folder elsewhere (any location holding a {@code
 * /}).
 *
 * <p>Row ids are graph indices; labels are the raw graph labels; the default split is GLocalKD's
 * ({@link org.hepgraph.experiments.GlocalkdFolds}). {@code tu:Tox21_X} reads {@code
 * Tox21_X_training} and {@code Tox21_X_testing} with one shared encoding (training graphs first,
 * then testing graphs; row ids restart at 0 in each file) and uses their given split: train on raw
 * label 0 of training, score every testing graph, anomaly = raw label 1. This is the "consistent
 * reading" of PROVENANCE.md; GLocalKD's {@code main_Tox.py} maps labels separately in each file.
 */
public final class TuSource implements DatasetSource {

    @Override
    public String scheme() {
        return "tu";
    }

    @Override
    public String description() {
        return "tu:NAME  a TU data set under $HEPGRAPH_DATA/tudataset-glad (e.g. tu:AIDS)";
    }

    @Override
    public Dataset open(String location, Map<String, String> options) {
        String uri = "tu:" + location;
        if (location.isBlank()) {
            throw new InvalidArgumentException(
                    "--dataset tu: names no data set; write tu:NAME, one of "
                            + DataPaths.tuDatasets());
        }
        if (location.contains("/") || location.contains("\\")) {
            Path dir = Path.of(location);
            if (!Files.isDirectory(dir)) {
                throw new DataFormatException(
                        "--dataset "
                                + uri
                                + ": folder "
                                + dir.toAbsolutePath()
                                + " does not exist; give the folder that holds NAME_A.txt");
            }
            return folds(uri, TuDatasetReader.read(dir, dir.getFileName().toString()));
        }
        Path tu = DataPaths.dataRoot().resolve("tudataset-glad");
        if (location.startsWith("Tox21_")
                && !Files.isDirectory(tu.resolve(location))
                && Files.isDirectory(tu.resolve(location + "_training"))) {
            return tox21(uri, location);
        }
        return folds(uri, TuDatasetReader.read(location));
    }

    private static Dataset folds(String uri, TuDataset ds) {
        return new Dataset(
                uri,
                ds.graphs(),
                IntStream.range(0, ds.numGraphs()).asLongStream().toArray(),
                ds.rawLabels(),
                Map.of(),
                recipe(uri, ds),
                Dataset.Protocol.GLOCALKD,
                null);
    }

    private static Dataset tox21(String uri, String name) {
        Path trainDir = DataPaths.tuDataset(name + "_training");
        Path testDir = DataPaths.tuDataset(name + "_testing");
        TuVocabulary vocab =
                TuDatasetReader.vocabulary(trainDir, name + "_training")
                        .union(TuDatasetReader.vocabulary(testDir, name + "_testing"));
        TuDataset training = TuDatasetReader.read(trainDir, name + "_training", vocab);
        TuDataset testing = TuDatasetReader.read(testDir, name + "_testing", vocab);
        int n1 = training.numGraphs();
        int n2 = testing.numGraphs();
        GraphSet graphs =
                GraphSet.builder().addAll(training.graphs()).addAll(testing.graphs()).build();
        int[] labels = new int[n1 + n2];
        long[] rows = new long[n1 + n2];
        List<Integer> train = new ArrayList<>();
        for (int g = 0; g < n1; g++) {
            labels[g] = checkBinary(training, g);
            rows[g] = g;
            if (labels[g] == 0) {
                train.add(g);
            }
        }
        for (int g = 0; g < n2; g++) {
            labels[n1 + g] = checkBinary(testing, g);
            rows[n1 + g] = g;
        }
        return new Dataset(
                uri,
                graphs,
                rows,
                labels,
                Map.of(),
                recipe(uri, training),
                Dataset.Protocol.GIVEN,
                new Dataset.GivenSplit(
                        train.stream().mapToInt(Integer::intValue).toArray(),
                        IntStream.range(n1, n1 + n2).toArray()));
    }

    private static GraphRecipe recipe(String uri, TuDataset ds) {
        return new GraphRecipe(
                "tu",
                uri,
                0,
                ds.constantFeature() ? "tu-constant" : "tu-onehot",
                ds.nodeFeatureNames());
    }

    private static int checkBinary(TuDataset ds, int g) {
        int raw = ds.rawLabels()[g];
        if (raw != 0 && raw != 1) {
            throw new DataFormatException(
                    "TuSource: "
                            + ds.name()
                            + "_graph_labels.txt line "
                            + (g + 1)
                            + " holds label "
                            + raw
                            + " but Tox21 labels must be 0 (inactive) or 1 (active); check that"
                            + " the folder holds a Tox21 data set");
        }
        return raw;
    }
}
