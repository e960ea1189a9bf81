package org.hepgraph.io;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
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
    public static List<Graph> build(
            String uri, PaddedParticles jets, int k, JetNodeFeatures features) {
        check(uri, jets, k);
        KnnGraph knn = KnnGraph.deltaR(k).optNodeFeatures(features);
        try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
            return knn.toGraphs(m, jets);
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
                                + i
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
                                    uri, i, j / f, jets.featureNames().get(j % f), v[base + j]));
                }
            }
        }
        if (k >= most) {
            throw new InvalidArgumentException(
                    String.format(
                            "--k %d is not below the particle count of the largest jet of %s (%d):"
                                    + " every graph would be fully connected and k would mean"
                                    + " nothing; give --k below %d",
                            k, uri, most, most));
        }
    }
}
