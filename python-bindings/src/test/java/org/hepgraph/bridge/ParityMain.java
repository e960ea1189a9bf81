package org.hepgraph.bridge;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.ToyJets;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.train.Devices;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;

/**
 * The Java half of the Python parity test ({@code python-bindings/python/tests/test_parity.py}): a
 * detector driven from Java alone, on toy-jet graphs made in Java, with no bridge in between.
 *
 * <p>{@code ParityMain OUT_DIR KIND JETS key=value...} writes the graphs' columns ({@code
 * node_ptr}, {@code edge_ptr}, {@code edge_index}, {@code y} int64; {@code x} float32; raw
 * little-endian) and {@code scores.bin} (float32, one per graph, after fitting on all of them) to
 * {@code OUT_DIR}, plus {@code meta.txt} with the sizes. Python reads the same graphs, drives the
 * same detector through the gateway and compares the scores.
 */
public final class ParityMain {

    private ParityMain() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String kind = args[1];
        int jets = Integer.parseInt(args[2]);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        KnnGraph knn = KnnGraph.deltaR(8).optNodeFeatures(JetNodeFeatures.RELATIVE);
        GraphSet graphs;
        try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
            graphs =
                    GraphSet.copyOf(
                            knn.toGraphs(m, ToyJets.builder().optSeed(7).build().generate(jets)));
        }
        float[] scores;
        try (AnomalyDetector d = Detectors.create(kind, settings, Devices.preferred())) {
            d.fit(graphs);
            scores = d.score(graphs);
        }
        Files.createDirectories(out);
        write(out.resolve("node_ptr.bin"), longs(graphs.nodePtrView().duplicate()));
        write(out.resolve("edge_ptr.bin"), longs(graphs.edgePtrView().duplicate()));
        write(out.resolve("edge_index.bin"), longs(graphs.edgeIndexView().duplicate()));
        write(out.resolve("y.bin"), longs(graphs.yView().duplicate()));
        write(out.resolve("x.bin"), floats(graphs.xView().duplicate()));
        write(out.resolve("scores.bin"), floats(java.nio.FloatBuffer.wrap(scores)));
        Files.writeString(
                out.resolve("meta.txt"),
                graphs.size()
                        + " "
                        + graphs.totalNodes()
                        + " "
                        + graphs.totalEdges()
                        + " "
                        + graphs.numFeatures()
                        + "\n");
    }

    private static ByteBuffer longs(java.nio.LongBuffer b) {
        ByteBuffer bb = ByteBuffer.allocate(8 * b.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        bb.asLongBuffer().put(b);
        return bb;
    }

    private static ByteBuffer floats(java.nio.FloatBuffer b) {
        ByteBuffer bb = ByteBuffer.allocate(4 * b.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(b);
        return bb;
    }

    private static void write(Path p, ByteBuffer b) throws IOException {
        Files.write(p, b.array());
    }
}
