package org.hepgraph.io.hdf5;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.hepgraph.data.Graph;

/**
 * One ADC2021 event to a graph: every object whose class id is not 0 (padding) is a node.
 *
 * <p>Node features ({@value #WIDTH}): {@code pt} (GeV; {@code log_pt} = log(1 + pT/GeV) with {@code
 * node_features=log_pt}), {@code eta} (0 for MET, as in the file), {@code phi}, then the class
 * one-hot {@code is_met, is_electron, is_muon, is_jet}. Edges: {@code k = 0} every ordered pair of
 * distinct nodes (fully connected, {@code n(n-1)} edges); {@code k ≥ 1} each node {@code i}
 * receives edges {@code j → i} from its {@code min(k, n-1)} nearest nodes in {@code ΔR = sqrt(Δη² +
 * Δφ²)}, Δφ folded into [-π, π] (ties: lower object index first).
 */
final class Adc2021Graphs {

    /** Node feature names of {@code node_features=raw}. */
    static final List<String> RAW =
            List.of("pt", "eta", "phi", "is_met", "is_electron", "is_muon", "is_jet");

    /** Node feature names of {@code node_features=log_pt}. */
    static final List<String> LOG_PT =
            List.of("log_pt", "eta", "phi", "is_met", "is_electron", "is_muon", "is_jet");

    static final int WIDTH = 7;

    private Adc2021Graphs() {}

    /**
     * The graph of one event.
     *
     * @param objects {@code [P × 4]} values of the event (pT, η, φ, class), checked finite and with
     *     class ids in 0..4 by the caller
     * @param count objects per event ({@code P})
     */
    static Graph event(float[] v, int base, int count, boolean logPt, int k, int label) {
        List<Integer> real = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            if (v[base + j * 4 + 3] != 0f) {
                real.add(j);
            }
        }
        int n = real.size();
        float[] x = new float[n * WIDTH];
        for (int a = 0; a < n; a++) {
            int o = base + real.get(a) * 4;
            float pt = v[o];
            x[a * WIDTH] = logPt ? (float) Math.log1p(Math.max(pt, 0f)) : pt;
            x[a * WIDTH + 1] = v[o + 1];
            x[a * WIDTH + 2] = v[o + 2];
            x[a * WIDTH + 2 + (int) v[o + 3]] = 1f;
        }
        List<long[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int fi = i;
            List<Integer> others =
                    new ArrayList<>(IntStream.range(0, n).filter(j -> j != fi).boxed().toList());
            if (k > 0) {
                others.sort(Comparator.comparingDouble(j -> deltaR(x, fi, j)));
                others = others.subList(0, Math.min(k, others.size()));
            }
            for (int j : others) {
                edges.add(new long[] {j, i});
            }
        }
        long[] index = new long[2 * edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            index[e] = edges.get(e)[0];
            index[edges.size() + e] = edges.get(e)[1];
        }
        return Graph.builder(n, WIDTH, x).edges(index).y(label).build();
    }

    private static double deltaR(float[] x, int i, int j) {
        double deta = x[i * WIDTH + 1] - x[j * WIDTH + 1];
        double dphi = x[i * WIDTH + 2] - x[j * WIDTH + 2];
        dphi = Math.IEEEremainder(dphi, 2 * Math.PI);
        return Math.sqrt(deta * deta + dphi * dphi);
    }
}
