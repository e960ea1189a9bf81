package org.hepgraph.io.csv;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;
import org.hepgraph.data.GraphSetWriter;

/**
 * Events ({@link LeptonEvents.Chunk}s) to a {@link GraphSet}, allocated once when every chunk is
 * in.
 *
 * <ul>
 *   <li>{@link Output#GRAPH}: one graph per event, its {@code n} leptons as nodes ({@code x [n,
 *       7]}, {@link LeptonEvents#NODE_FEATURES}), fully connected without self loops ({@code n(n −
 *       1)} edges {@code j → i}, ordered by target then source, as {@code FullyConnected}).
 *   <li>{@link Output#VECTOR}: one graph per event with a single node and no edge, whose {@code x
 *       [1, 7n + E]} is the flat event vector: lepton 1's 7 features, lepton 2's, ..., then the
 *       {@code E} event columns. A detector's GIN on such graphs is an MLP on the vector, so flat
 *       and graph views run through the same detectors, CLI and Python API.
 * </ul>
 *
 * Both: the event columns are the graph features ({@code graphAttr [B, E]}); {@code y} is the
 * chunk's label (-1: none).
 */
public final class LeptonGraphs {

    /** How an event becomes a graph. */
    public enum Output {
        GRAPH,
        VECTOR;

        /** {@code graph} or {@code vector} as an {@code Output}. */
        public static Output parse(String text, String uri) {
            for (Output o : values()) {
                if (o.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return o;
                }
            }
            throw new InvalidArgumentException(
                    uri
                            + ": as = '"
                            + text
                            + "'; use graph (leptons as nodes) or vector (one flat"
                            + " feature vector per event)");
        }
    }

    private final int count;
    private final int eventWidth;
    private final List<LeptonEvents.Chunk> chunks = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private int rows;

    /** For events of {@code count} leptons and {@code eventWidth} event columns. */
    public LeptonGraphs(int count, int eventWidth) {
        this.count = count;
        this.eventWidth = eventWidth;
    }

    /** Adds a chunk whose graphs get label {@code label} (-1: none); kept until {@link #build}. */
    public void add(LeptonEvents.Chunk chunk, int label) {
        chunks.add(chunk);
        labels.add(label);
        rows = Math.addExact(rows, chunk.rows());
    }

    /** Events added so far. */
    public int rows() {
        return rows;
    }

    /** The names of the columns of {@code x} for {@code output}. */
    public static List<String> featureNames(Output output, int count, List<String> eventColumns) {
        if (output == Output.GRAPH) {
            return LeptonEvents.NODE_FEATURES;
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            for (String f : LeptonEvents.NODE_FEATURES) {
                names.add(f + i);
            }
        }
        names.addAll(eventColumns);
        return names;
    }

    /** The set of every added event, in the order added. */
    public GraphSet build(Output output) {
        boolean graph = output == Output.GRAPH;
        long nodesPer = graph ? count : 1;
        long edgesPer = graph ? (long) count * (count - 1) : 0;
        int width = graph ? LeptonEvents.WIDTH : LeptonEvents.WIDTH * count + eventWidth;
        GraphSetLayout layout =
                new GraphSetLayout(rows, rows * nodesPer, rows * edgesPer, width, 0, 0, eventWidth);
        GraphSetWriter w = GraphSet.allocate(layout);
        FloatBuffer x = w.x();
        LongBuffer nodePtr = w.nodePtr();
        LongBuffer edgePtr = w.edgePtr();
        LongBuffer edges = w.edgeIndex();
        LongBuffer y = w.y();
        FloatBuffer attr = eventWidth > 0 ? w.graphAttr() : null;
        long[] src = new long[(int) edgesPer];
        long[] dst = new long[(int) edgesPer];
        int k = 0;
        for (int i = 0; i < nodesPer && graph; i++) {
            for (int j = 0; j < nodesPer; j++) {
                if (i != j) {
                    src[k] = j;
                    dst[k++] = i;
                }
            }
        }
        long totalEdges = layout.totalEdges();
        int g = 0;
        for (int c = 0; c < chunks.size(); c++) {
            LeptonEvents.Chunk chunk = chunks.get(c);
            int per = LeptonEvents.WIDTH * count;
            for (int r = 0; r < chunk.rows(); r++, g++) {
                nodePtr.put(g, g * nodesPer);
                edgePtr.put(g, g * edgesPer);
                y.put(g, labels.get(c));
                if (graph) {
                    x.put(g * per, chunk.leptons(), r * per, per);
                    edges.put((int) (g * edgesPer), src);
                    edges.put((int) (totalEdges + g * edgesPer), dst);
                } else {
                    x.put(g * width, chunk.leptons(), r * per, per);
                    x.put(g * width + per, chunk.event(), r * eventWidth, eventWidth);
                }
                if (attr != null) {
                    attr.put(g * eventWidth, chunk.event(), r * eventWidth, eventWidth);
                }
            }
        }
        nodePtr.put(rows, rows * nodesPer);
        edgePtr.put(rows, rows * edgesPer);
        return w.finish();
    }
}
