package org.hepgraph.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;

/**
 * Batch-building time for toy kNN jets: the pre-GraphSet path (standalone graphs, copying
 * accessors, as {@code main} had it) against gathering from a {@link GraphSet}. A measurement, not
 * a test: run its {@code main} with the test classpath.
 *
 * <pre>
 * java -cp jvm-core/target/classes:jvm-core/target/test-classes:$(cat cp.txt) \
 *     -Dai.djl.offline=true org.hepgraph.data.GraphSetBatchingBench [jets] [epochs]
 * </pre>
 */
public final class GraphSetBatchingBench {

    private static final int BATCH = 64;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GraphSetBatchingBench() {}

    public static void main(String[] args) {
        int jets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        try (NDManager m = NDManager.newBaseManager()) {
            long t0 = System.nanoTime();
            GraphSet set =
                    KnnGraph.deltaR(16)
                            .optNodeFeatures(JetNodeFeatures.RELATIVE)
                            .toGraphs(m, ToyJets.builder().optSeed(1).build().background(jets));
            System.out.printf("toGraphs (GraphSet, one allocation): %.0f ms, %s%n", ms(t0), set);
            List<Graph> standalone = new ArrayList<>();
            for (Graph g : set) {
                standalone.add(g.toBuilder().build());
            }
            List<Graph> views = new ArrayList<>(set);
            double[][] t = new double[6][epochs];
            double[][] cpu = new double[6][epochs];
            Random random = new Random(0);
            for (int e = 0; e < epochs; e++) {
                int[] order = shuffled(jets, random);
                List<Graph> shuffledStandalone = permute(standalone, order);
                List<Graph> shuffledViews = permute(views, order);
                // Interleaved, in a rotating order, so that drift hits every variant alike.
                BatchAt[] variants = {
                    (s, i) -> oldOf(s, shuffledStandalone.subList(i, end(i, jets))),
                    (s, i) -> GraphBatch.of(s, shuffledStandalone.subList(i, end(i, jets))),
                    (s, i) -> GraphBatch.of(s, shuffledViews.subList(i, end(i, jets))),
                    (s, i) -> GraphBatch.of(s, set, Arrays.copyOfRange(order, i, end(i, jets))),
                    (s, i) -> oldOf(s, standalone.subList(i, end(i, jets))),
                    (s, i) -> GraphBatch.of(s, set.sliceView(i, end(i, jets)))
                };
                for (int r = 0; r < variants.length; r++) {
                    int k = (r + e) % variants.length;
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    t[k][e] = epoch(m, variants[k], jets);
                    cpu[k][e] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                }
            }
            String[] names = {
                "old List<Graph> path (copying accessors)",
                "GraphBatch.of(List<Graph>) standalone graphs",
                "GraphBatch.of(List<Graph>) views of a GraphSet",
                "GraphBatch.of(GraphSet, int[])",
                "in order: old List<Graph> path",
                "in order: GraphBatch.of(set.sliceView(i, j))",
            };
            System.out.printf(
                    "%d jets, batch %d, shuffled unless said, median of %d epochs (ms per epoch, wall and"
                            + " this thread's CPU):%n",
                    jets, BATCH, epochs);
            for (int k = 0; k < names.length; k++) {
                Arrays.sort(t[k]);
                Arrays.sort(cpu[k]);
                System.out.printf(
                        "  %-48s wall %7.1f ms (%.2fx old)   cpu %7.1f ms (%.2fx old)%n",
                        names[k],
                        t[k][epochs / 2],
                        t[0][epochs / 2] / t[k][epochs / 2],
                        cpu[k][epochs / 2],
                        cpu[0][epochs / 2] / cpu[k][epochs / 2]);
            }
        }
    }

    private interface BatchAt {
        Object at(NDManager scope, int from);
    }

    private static double epoch(NDManager m, BatchAt make, int jets) {
        long t0 = System.nanoTime();
        for (int i = 0; i < jets; i += BATCH) {
            try (NDManager scope = m.newSubManager()) {
                make.at(scope, i);
            }
        }
        return ms(t0);
    }

    private static int end(int from, int jets) {
        return Math.min(jets, from + BATCH);
    }

    private static int[] shuffled(int n, Random random) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, random);
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Graph> permute(List<Graph> graphs, int[] order) {
        List<Graph> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(graphs.get(i));
        }
        return out;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * {@code GraphBatch.of} as it was before GraphSet (per-graph cloning accessors), returning the
     * arrays its private constructor took.
     */
    static NDArray[] oldOf(NDManager manager, List<Graph> graphs) {
        int f = graphs.get(0).numFeatures();
        long numNodes = 0;
        long numEdges = 0;
        for (Graph g : graphs) {
            numNodes += g.numNodes();
            numEdges += g.numEdges();
        }
        float[] xs = new float[Math.toIntExact(numNodes * f)];
        long[] src = new long[Math.toIntExact(numEdges)];
        long[] dst = new long[src.length];
        long[] b = new long[Math.toIntExact(numNodes)];
        long[] ys = new long[graphs.size()];
        long[] ptr = new long[graphs.size() + 1];
        int nodeOffset = 0;
        int edgeOffset = 0;
        for (int i = 0; i < graphs.size(); i++) {
            Graph g = graphs.get(i);
            System.arraycopy(g.x(), 0, xs, nodeOffset * f, g.numNodes() * f);
            long[] ei = g.edgeIndex();
            int e = g.numEdges();
            for (int k = 0; k < e; k++) {
                src[edgeOffset + k] = ei[k] + nodeOffset;
                dst[edgeOffset + k] = ei[e + k] + nodeOffset;
            }
            for (int k = 0; k < g.numNodes(); k++) {
                b[nodeOffset + k] = i;
            }
            ys[i] = g.y();
            nodeOffset += g.numNodes();
            edgeOffset += e;
            ptr[i + 1] = nodeOffset;
        }
        long[] ei = new long[2 * src.length];
        System.arraycopy(src, 0, ei, 0, src.length);
        System.arraycopy(dst, 0, ei, src.length, dst.length);
        return new NDArray[] {
            manager.create(xs, new Shape(numNodes, f)),
            manager.create(ei, new Shape(2, numEdges)),
            manager.create(b),
            manager.create(ys)
        };
    }
}
