package org.hepgraph.io;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.train.Devices;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;

/**
 * Jets to kNN graphs in ΔR for the jet sources ({@code toy:}, {@code h5:}), after the checks a
 * user's file needs: at least one jet, no empty jet, finite values in every real particle, and a
 * {@code k} below the largest jet's particle count (else every graph would be fully connected and
 * {@code k} would mean nothing: refused).
 *
 * <p>Options: {@code k} (default {@value #DEFAULT_K}), {@code node_features} ({@code relative}, the
 * default, ParticleNet's 7 features; or {@code raw}, the file's own).
 */
public final class JetGraphs {

    /** kNN neighbours when the caller gives none. */
    public static final int DEFAULT_K = 16;

    /** The option keys read here. */
    public static final Set<String> KEYS = Set.of("k", "node_features");

    private JetGraphs() {}

    /** The kNN {@code k} of {@code options}. */
    public static int k(SourceOptions options) {
        return options.integer(
                "k", DEFAULT_K, 1, "give the number of neighbours per particle, e.g. --k 16");
    }

    /** The node features of {@code options}. */
    public static JetNodeFeatures nodeFeatures(SourceOptions options, String uri) {
        String name = options.string("node_features", "relative");
        for (JetNodeFeatures f : JetNodeFeatures.values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new InvalidArgumentException(
                uri + ": node_features = '" + name + "' is not known; use relative or raw");
    }

    /** Checks {@code jets} (see the class doc) and builds one graph per jet, in row order. */
    public static GraphSet build(
            String uri, PaddedParticles jets, int k, JetNodeFeatures features) {
        return build(uri, jets, k, features, null, true);
    }

    /**
     * As {@link #build(String, PaddedParticles, int, JetNodeFeatures)} for a chunk of a file:
     * messages name the file rows {@code rowIds} (null: positions), and {@code checkK} false skips
     * the "k below the largest jet" check (a chunk's largest jet says nothing about the file's;
     * scoring uses the model's k).
     */
    public static GraphSet build(
            String uri,
            PaddedParticles jets,
            int k,
            JetNodeFeatures features,
            long[] rowIds,
            boolean checkK) {
        check(uri, jets, checkK ? k : -1, rowIds);
        checkFeatures(uri, jets, features, rowIds);
        KnnGraph knn = KnnGraph.deltaR(k).optNodeFeatures(features);
        GraphSet graphs;
        try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
            graphs = knn.toGraphs(m, jets);
        }
        for (int i = 0; i < graphs.size(); i++) {
            for (float x : graphs.get(i).x()) {
                if (!Float.isFinite(x)) {
                    throw new DataFormatException(
                            String.format(
                                    "%s: jet (row) %d gives a node feature of %s (%s features);"
                                            + " check that jet's particles (e.g. a zero jet pT),"
                                            + " or drop it",
                                    uri,
                                    row(rowIds, i),
                                    x,
                                    features.name().toLowerCase(Locale.ROOT)));
                }
            }
        }
        return graphs;
    }

    /**
     * The kNN graph needs {@code eta} and {@code phi}; {@link JetNodeFeatures#RELATIVE} also {@code
     * pt} and {@code e}, both positive (it takes their logarithms).
     */
    static void checkFeatures(String uri, PaddedParticles jets, JetNodeFeatures features) {
        checkFeatures(uri, jets, features, null);
    }

    private static long row(long[] rowIds, int i) {
        return rowIds == null ? i : rowIds[i];
    }

    static void checkFeatures(
            String uri, PaddedParticles jets, JetNodeFeatures features, long[] rowIds) {
        List<String> lower =
                jets.featureNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        List<String> needed =
                features == JetNodeFeatures.RELATIVE
                        ? List.of("pt", "eta", "phi", "e")
                        : List.of("eta", "phi");
        for (String name : needed) {
            if (!lower.contains(name)) {
                throw new DataFormatException(
                        String.format(
                                "%s: the particles' features are %s but '%s' is missing; %s"
                                        + " node features on kNN graphs need %s. Name the"
                                        + " features in the file (attribute features ="
                                        + " \"pt,eta,phi,e\")",
                                uri,
                                jets.featureNames(),
                                name,
                                features.name().toLowerCase(Locale.ROOT),
                                needed));
            }
        }
        if (features != JetNodeFeatures.RELATIVE) {
            return;
        }
        int f = jets.numFeatures();
        for (String name : List.of("pt", "e")) {
            int col = lower.indexOf(name);
            for (int i = 0; i < jets.numJets(); i++) {
                for (int p = 0; p < jets.counts()[i]; p++) {
                    float v = jets.values()[(i * jets.maxParticles() + p) * f + col];
                    if (!(v > 0)) {
                        throw new DataFormatException(
                                String.format(
                                        "%s: jet (row) %d, particle %d has %s = %s; relative node"
                                                + " features take log(pt) and log(e), so both"
                                                + " must be positive: fix the particle, or use"
                                                + " --node-features raw",
                                        uri, row(rowIds, i), p, name, v));
                    }
                }
            }
        }
    }

    /** The recipe of graphs made by {@link #build}. */
    public static GraphRecipe recipe(
            String scheme, String uri, PaddedParticles jets, int k, JetNodeFeatures features) {
        return new GraphRecipe(
                scheme,
                uri,
                k,
                features.name().toLowerCase(Locale.ROOT),
                features.outputNames(jets.featureNames()));
    }

    static void check(String uri, PaddedParticles jets, int k) {
        check(uri, jets, k, null);
    }

    /** {@code k < 0}: no check of k. */
    static void check(String uri, PaddedParticles jets, int k, long[] rowIds) {
        if (jets.numJets() == 0) {
            throw new DataFormatException(
                    uri + " holds no jets (N = 0); a data set needs at least one jet");
        }
        int f = jets.numFeatures();
        if (f == 0 || jets.maxParticles() == 0) {
            throw new DataFormatException(
                    String.format(
                            "%s has particles of shape [%d, %d, %d]; every jet needs particles"
                                    + " with features (pt, eta, phi, e)",
                            uri, jets.numJets(), jets.maxParticles(), f));
        }
        int most = 0;
        float[] v = jets.values();
        for (int i = 0; i < jets.numJets(); i++) {
            int n = jets.counts()[i];
            if (n == 0) {
                throw new DataFormatException(
                        uri
                                + ": jet (row) "
                                + row(rowIds, i)
                                + " has 0 particles; a graph needs at least one node: drop empty"
                                + " jets from the file (or give them a real count)");
            }
            most = Math.max(most, n);
            int base = i * jets.maxParticles() * f;
            for (int j = 0; j < n * f; j++) {
                if (!Float.isFinite(v[base + j])) {
                    throw new DataFormatException(
                            String.format(
                                    "%s: jet (row) %d, particle %d, feature '%s' is %s; every"
                                            + " value of a real particle must be finite: fix or"
                                            + " drop that jet",
                                    uri,
                                    row(rowIds, i),
                                    j / f,
                                    jets.featureNames().get(j % f),
                                    v[base + j]));
                }
            }
        }
        if (k >= 0 && k >= most) {
            throw new InvalidArgumentException(
                    String.format(
                            "--k %d is not below the particle count of the largest jet of %s (%d):"
                                    + " every graph would be fully connected and k would mean"
                                    + " nothing; give --k below %d",
                            k, uri, most, most));
        }
    }
}
