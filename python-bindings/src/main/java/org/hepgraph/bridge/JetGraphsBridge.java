package org.hepgraph.bridge;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.train.Devices;
import org.hepgraph.transforms.JetGraphBuilder;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;
import org.hepgraph.transforms.RadiusGraph;

/**
 * Python's {@code hg.transforms.KNNGraph} / {@code RadiusGraph}: the Java graph builders ({@link
 * KnnGraph#deltaR}, {@link RadiusGraph#deltaR}) over padded particles that Python hands over as
 * data-plane tensor files: {@code values [B, P, 4]} float32 ({@code pt, eta, phi, e}), {@code
 * counts [B]} int32 and {@code labels [B]} int32 (-1 = none). Nothing is re-implemented here; the
 * builders check their input as they do for Java callers.
 */
public final class JetGraphsBridge {

    private final BufferAllocator allocator;

    JetGraphsBridge(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Builds one graph per jet with the kNN ({@code kind = "knn"}, {@code param = k}) or radius
     * ({@code kind = "radius"}, {@code param = r}) builder in ΔR.
     *
     * @param nodeFeatures {@code raw} or {@code relative} ({@link JetNodeFeatures})
     * @param maxNeighbours radius graphs only: at most this many neighbours per node (0 = all)
     */
    public GraphSet build(
            String kind,
            double param,
            String valuesPath,
            String countsPath,
            String labelsPath,
            String nodeFeatures,
            boolean loop,
            int maxNeighbours) {
        String who = "hg.transforms";
        PaddedParticles jets =
                TensorArgs.particles(
                        who,
                        valuesPath,
                        countsPath,
                        labelsPath,
                        PaddedParticles.PT_ETA_PHI_E,
                        allocator);
        JetGraphBuilder<?> builder = builder(kind, param, maxNeighbours);
        builder = builder.optLoop(loop).optNodeFeatures(features(nodeFeatures));
        try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
            return builder.toGraphs(m, jets);
        }
    }

    static JetGraphBuilder<?> builder(String kind, double param, int maxNeighbours) {
        switch (kind) {
            case "knn":
                if (param != Math.rint(param) || param > Integer.MAX_VALUE) {
                    throw new InvalidArgumentException(
                            "KNNGraph: k = " + param + "; the number of neighbours is an integer");
                }
                return KnnGraph.deltaR((int) param);
            case "radius":
                RadiusGraph r = RadiusGraph.deltaR(param);
                return maxNeighbours > 0 ? r.optMaxNeighbours(maxNeighbours) : r;
            default:
                throw new InvalidArgumentException(
                        "hg.transforms: graph builder '"
                                + kind
                                + "' is not known; use knn or radius");
        }
    }

    static JetNodeFeatures features(String name) {
        for (JetNodeFeatures f : JetNodeFeatures.values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new InvalidArgumentException(
                "hg.transforms: node_features = '"
                        + name
                        + "' is not known; use one of "
                        + Arrays.stream(JetNodeFeatures.values())
                                .map(f -> f.name().toLowerCase(Locale.ROOT))
                                .toList());
    }
}
