package org.hepgraph.io.tu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.io.DataPaths;

/**
 * Graph-level anomaly-detection splits of TU data sets, as in GLocalKD (Ma et al., WSDM 2022,
 * arXiv:2112.10063).
 *
 * <p><b>K-fold protocol</b> ({@link #glocalkd}): the anomaly class is the raw label of the
 * <em>first</em> graph in {@code NAME_graph_labels.txt} (GLocalKD maps labels in order of first
 * appearance and calls mapped label 0 the anomaly): AIDS 0, MUTAG 1, NCI1 0, ENZYMES 6,
 * PROTEINS_full 1. The graphs are split into K folds, stratified by raw class; each fold's {@code
 * train} holds the normal graphs of the other folds only, its {@code test} holds every graph of the
 * fold. Labels are rewritten: {@code y = 1} anomaly, {@code y = 0} normal.
 *
 * <p><b>Tox21</b> ({@link #tox21}): the given {@code *_training} / {@code *_testing} split; train
 * on raw label 0 (inactive) of training, test on all of testing with anomaly = raw label 1
 * (active). This is the "consistent reading" of PROVENANCE.md; it differs from GLocalKD's {@code
 * main_Tox.py}, which maps labels separately in each file and so trains on raw label 1 of HSE and
 * PPAR-gamma and also scores raw label 1 as the anomaly.
 *
 * <p>Splits are deterministic: {@code java.util.Random(seed)}, default seed {@value #DEFAULT_SEED},
 * default {@value #DEFAULT_FOLDS} folds. Graphs keep their file order inside train and test.
 */
public final class AnomalySplit {

    /** Folds of the GLocalKD protocol (its {@code StratifiedKFold(n_splits=5)}). */
    public static final int DEFAULT_FOLDS = 5;

    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 0L;

    /** Label of an anomalous graph in {@code test}. */
    public static final int ANOMALY = 1;

    /** Label of a normal graph in {@code train} and {@code test}. */
    public static final int NORMAL = 0;

    private AnomalySplit() {}

    /**
     * One train/test split.
     *
     * @param index the fold number, from 0
     * @param train normal graphs only, {@code y = 0}: a view of the data set's buffers
     * @param test graphs with {@code y = 1} (anomaly) or {@code 0} (normal): a view as well
     */
    public record Fold(int index, GraphSet train, GraphSet test) {
        public Fold {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }

        /** Number of anomalies in {@code test}. */
        public int numTestAnomalies() {
            return (int) test.stream().filter(g -> g.y() == ANOMALY).count();
        }
    }

    /** {@link #forName(String, int, long)} with the default folds and seed. */
    public static List<Fold> forName(String name) {
        return forName(name, DEFAULT_FOLDS, DEFAULT_SEED);
    }

    /**
     * The split for data set {@code name} under {@link DataPaths#dataRoot()}: for {@code Tox21_*}
     * one fold from {@code <name>_training} and {@code <name>_testing}, read with one shared
     * node/edge label vocabulary ({@code folds} and {@code seed} are then unused, the split is
     * given); for any other name the K folds of {@link #glocalkd}.
     */
    public static List<Fold> forName(String name, int folds, long seed) {
        if (name != null && name.startsWith("Tox21_")) {
            Path trainDir = DataPaths.tuDataset(name + "_training");
            Path testDir = DataPaths.tuDataset(name + "_testing");
            TuVocabulary vocab =
                    TuDatasetReader.vocabulary(trainDir, name + "_training")
                            .union(TuDatasetReader.vocabulary(testDir, name + "_testing"));
            TuDataset training = TuDatasetReader.read(trainDir, name + "_training", vocab);
            TuDataset testing = TuDatasetReader.read(testDir, name + "_testing", vocab);
            return List.of(tox21(training, testing));
        }
        return glocalkd(TuDatasetReader.read(name), folds, seed);
    }

    /** The GLocalKD K-fold split of {@code ds} (see the class doc). */
    public static List<Fold> glocalkd(TuDataset ds, int folds, long seed) {
        int[] raw = ds.rawLabels();
        int anomaly = raw[0];
        int[] foldOf = assignFolds(raw, folds, seed);
        List<Fold> out = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            IntStream.Builder train = IntStream.builder();
            IntStream.Builder test = IntStream.builder();
            IntStream.Builder testLabels = IntStream.builder();
            for (int g = 0; g < raw.length; g++) {
                boolean isAnomaly = raw[g] == anomaly;
                if (foldOf[g] == f) {
                    test.add(g);
                    testLabels.add(isAnomaly ? ANOMALY : NORMAL);
                } else if (!isAnomaly) {
                    train.add(g);
                }
            }
            out.add(
                    new Fold(
                            f,
                            normal(ds.graphs(), train.build().toArray()),
                            ds.graphs()
                                    .subsetView(test.build().toArray())
                                    .relabelledView(testLabels.build().toArray())));
        }
        return out;
    }

    /** The raw label GLocalKD treats as the anomaly: that of the first graph. */
    public static int anomalyLabel(TuDataset ds) {
        return ds.rawLabels()[0];
    }

    /**
     * The fold of each graph, stratified by {@code classes}: each class is shuffled with {@code new
     * Random(seed)} and dealt round-robin, so every fold holds {@code floor} or {@code ceil} of
     * {@code count / folds} graphs of each class and fold sizes differ by at most one.
     *
     * @param classes {@code [G]} class of each graph (any int values)
     * @return {@code [G]} fold index in {@code [0, folds)}
     */
    public static int[] assignFolds(int[] classes, int folds, long seed) {
        if (folds < 2 || folds > classes.length) {
            throw new InvalidArgumentException(
                    "AnomalySplit: folds = "
                            + folds
                            + " but it must lie in [2, "
                            + classes.length
                            + "] for "
                            + classes.length
                            + " graphs; the GLocalKD protocol uses "
                            + DEFAULT_FOLDS);
        }
        Random random = new Random(seed);
        int[] distinct = TuVocabulary.distinctSorted(classes);
        int[] foldOf = new int[classes.length];
        int dealt = 0;
        for (int c : distinct) {
            int[] members = new int[classes.length];
            int count = 0;
            for (int g = 0; g < classes.length; g++) {
                if (classes[g] == c) {
                    members[count++] = g;
                }
            }
            for (int i = count - 1; i > 0; i--) { // Fisher-Yates: same order on every JDK
                int j = random.nextInt(i + 1);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
            for (int i = 0; i < count; i++) {
                foldOf[members[i]] = dealt++ % folds;
            }
        }
        return foldOf;
    }

    /**
     * The Tox21 split: {@code train} = graphs of {@code training} with raw label 0, {@code test} =
     * every graph of {@code testing}, anomaly = raw label 1. Both must share one encoding (read
     * them with one {@link TuVocabulary}).
     */
    public static Fold tox21(TuDataset training, TuDataset testing) {
        if (training.numNodeFeatures() != testing.numNodeFeatures()
                || training.numEdgeFeatures() != testing.numEdgeFeatures()) {
            throw new InvalidArgumentException(
                    String.format(
                            "AnomalySplit.tox21: %s has x=[*, %d], edgeAttr=[*, %d] but %s has"
                                    + " x=[*, %d], edgeAttr=[*, %d]; read both with one"
                                    + " TuVocabulary (see AnomalySplit.forName)",
                            training.name(),
                            training.numNodeFeatures(),
                            training.numEdgeFeatures(),
                            testing.name(),
                            testing.numNodeFeatures(),
                            testing.numEdgeFeatures()));
        }
        IntStream.Builder train = IntStream.builder();
        for (int g = 0; g < training.numGraphs(); g++) {
            if (checkBinary(training, g) == 0) {
                train.add(g);
            }
        }
        int[] testLabels = new int[testing.numGraphs()];
        for (int g = 0; g < testing.numGraphs(); g++) {
            testLabels[g] = checkBinary(testing, g) == 1 ? ANOMALY : NORMAL;
        }
        return new Fold(
                0,
                normal(training.graphs(), train.build().toArray()),
                testing.graphs().relabelledView(testLabels));
    }

    /** The graphs {@code rows} of {@code all}, labelled normal, as a view. */
    private static GraphSet normal(GraphSet all, int[] rows) {
        int[] labels = new int[rows.length];
        Arrays.fill(labels, NORMAL);
        return all.subsetView(rows).relabelledView(labels);
    }

    private static int checkBinary(TuDataset ds, int g) {
        int raw = ds.rawLabels()[g];
        if (raw != 0 && raw != 1) {
            throw new DataFormatException(
                    "AnomalySplit.tox21: "
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
