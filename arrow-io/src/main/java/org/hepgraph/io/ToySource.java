package org.hepgraph.io;

import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.DatasetSource;
import org.hepgraph.transforms.JetNodeFeatures;

/**
 * {@code toy:} (or {@code toy}) — {@link ToyJets}, generated in the JVM, as kNN graphs in ΔR.
 *
 * <p>Rows: {@code jets} background jets for training (generator seed {@code seed}), then {@code
 * jets} fresh background and {@code jets} signal jets for testing (seed {@code seed + 1}); labels 0
 * background, 1 signal; the given split trains on the first block and scores the other two. Options
 * (in the URI, {@code toy:jets=1000,seed=2}, or the caller's map): {@code jets} (per class, default
 * {@value #DEFAULT_JETS}, at least 1), {@code seed} (default 0), and {@link JetGraphs}'s {@code k}
 * and {@code node_features}.
 */
public final class ToySource implements DatasetSource {

    /** Jets per class when none is given. */
    public static final int DEFAULT_JETS = 4000;

    private static final Set<String> KEYS = Set.of("jets", "seed", "k", "node_features");

    @Override
    public String scheme() {
        return "toy";
    }

    @Override
    public String description() {
        return "toy[:jets=N,seed=S]  toy jets generated in the JVM (a toy, not a simulation)";
    }

    @Override
    public Dataset open(String location, Map<String, String> options) {
        String uri = location.isEmpty() ? "toy" : "toy:" + location;
        SourceOptions o = SourceOptions.of(uri, location, options, KEYS);
        int jets =
                o.integer(
                        "jets",
                        DEFAULT_JETS,
                        1,
                        "give at least one jet per class, e.g. --jets 4000");
        long seed = o.longValue("seed", 0L);
        int k = JetGraphs.k(o);
        JetNodeFeatures features = JetGraphs.nodeFeatures(o, uri);
        PaddedParticles train = ToyJets.builder().optSeed(seed).build().background(jets);
        ToyJets testGen = ToyJets.builder().optSeed(seed + 1).build();
        PaddedParticles testBackground = testGen.background(jets);
        PaddedParticles testSignal = testGen.signal(jets);
        GraphSet graphs =
                GraphSet.builder()
                        .addAll(JetGraphs.build(uri, train, k, features))
                        .addAll(JetGraphs.build(uri, testBackground, k, features))
                        .addAll(JetGraphs.build(uri, testSignal, k, features))
                        .build();
        int[] labels = graphs.stream().mapToInt(Graph::y).toArray();
        long[] rows = IntStream.range(0, graphs.size()).asLongStream().toArray();
        return new Dataset(
                uri,
                graphs,
                rows,
                labels,
                Map.of(),
                JetGraphs.recipe(scheme(), uri, train, k, features),
                Dataset.Protocol.GIVEN,
                new Dataset.GivenSplit(
                        IntStream.range(0, jets).toArray(),
                        IntStream.range(jets, 3 * jets).toArray()));
    }
}
