package org.hepgraph.io.exchange;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;
import org.hepgraph.data.GraphSetWriter;

/**
 * A command-line probe of the data plane for the cross-process tests and the benchmark: each
 * command prints {@code key=value} lines. Not a user tool.
 *
 * <pre>
 * checksum PATH            map a graph set; print per-field sums and whether x lies in the mapping
 * write PATH GRAPHS NODES  write a deterministic graph set (x[i] = (i % 1000) * 0.25)
 * watch PATH               map a graph set; print x[0], wait for a line on stdin, print x[0] again
 * tensor-rss PATH          print resident pages before and after mapping a tensor (one page read)
 * handover REPS PATH...    per file: the least time (ns) to map and wrap a tensor, over REPS tries
 * poke-tensor PATH I V     map a float32 tensor and write V at flat index I through the mapping
 * start PARENT             create and close an exchange under PARENT (removes stale directories)
 * </pre>
 */
public final class ExchangeProbe {

    private ExchangeProbe() {}

    public static void main(String[] args) throws Exception {
        try (BufferAllocator root = new RootAllocator()) {
            switch (args[0]) {
                case "checksum" -> checksum(root, Path.of(args[1]));
                case "write" ->
                        write(
                                Path.of(args[1]),
                                Integer.parseInt(args[2]),
                                Integer.parseInt(args[3]));
                case "watch" -> watch(root, Path.of(args[1]));
                case "tensor-rss" -> tensorRss(root, Path.of(args[1]));
                case "handover" -> handover(root, Integer.parseInt(args[1]), args);
                case "poke-tensor" ->
                        poke(
                                root,
                                Path.of(args[1]),
                                Integer.parseInt(args[2]),
                                Float.parseFloat(args[3]));
                case "start" -> {
                    try (SharedMemoryExchange ex = SharedMemoryExchange.create(Path.of(args[1]))) {
                        System.out.println("directory=" + ex.directory());
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
            System.out.println("outstanding=" + root.getAllocatedMemory());
        }
    }

    private static void checksum(BufferAllocator root, Path path) {
        try (MappedGraphSet m = GraphSetIpc.map(path, root)) {
            GraphSet g = m.graphs();
            System.out.println("graphs=" + g.size());
            System.out.println("nodes=" + g.totalNodes());
            System.out.println("edges=" + g.totalEdges());
            System.out.println("x=" + sum(g.xView()));
            System.out.println("edgeIndex=" + sum(g.edgeIndexView()));
            System.out.println("y=" + sum(g.yView()));
            System.out.println("nodePtr=" + sum(g.nodePtrView()));
            System.out.println("edgeAttr=" + sum(g.edgeAttrView()));
            System.out.println("pos=" + sum(g.posView()));
            System.out.println("graphAttr=" + sum(g.graphAttrView()));
            long a = MemorySegment.ofBuffer(g.xView()).address();
            boolean inside =
                    a >= m.mappingAddress()
                            && a + g.backingLayout().xBytes()
                                    <= m.mappingAddress() + m.mappingSize();
            System.out.println("xInsideMapping=" + inside);
        }
    }

    private static void write(Path path, int graphs, int nodesPerGraph) {
        int k = Math.min(2, nodesPerGraph - 1);
        long n = (long) graphs * nodesPerGraph;
        long e = n * k;
        GraphSetWriter w = GraphSet.allocate(new GraphSetLayout(graphs, n, e, 4, 1, 0, 0));
        for (int g = 0; g <= graphs; g++) {
            w.nodePtr().put(g, (long) g * nodesPerGraph);
            w.edgePtr().put(g, (long) g * nodesPerGraph * k);
        }
        for (long i = 0; i < n * 4; i++) {
            w.x().put((int) i, (i % 1000) * 0.25f);
        }
        for (int g = 0; g < graphs; g++) {
            long base = (long) g * nodesPerGraph * k;
            for (int i = 0; i < nodesPerGraph; i++) {
                for (int j = 1; j <= k; j++) {
                    int col = (int) (base + (long) i * k + (j - 1));
                    w.edgeIndex().put(col, i);
                    w.edgeIndex().put((int) (e + col), (i + j) % nodesPerGraph);
                    w.edgeAttr().put(col, j);
                }
            }
            w.y().put(g, g % 2);
        }
        GraphSetIpc.write(w.finish(), path);
        System.out.println("written=" + path);
    }

    private static void watch(BufferAllocator root, Path path) throws Exception {
        try (MappedGraphSet m = GraphSetIpc.map(path, root)) {
            GraphSet g = m.graphs();
            System.out.println("before=" + g.get(0).xView().get(0));
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.out.println("after=" + g.get(0).xView().get(0));
        }
    }

    private static void tensorRss(BufferAllocator root, Path path) throws Exception {
        try (MappedTensor warm = TensorIpc.map(path, root)) {
            warm.buffer().getFloat(0); // load the classes first: their pages are not the tensor's
        }
        long before = residentPages();
        try (MappedTensor t = TensorIpc.map(path, root)) {
            ByteBuffer b = t.buffer();
            float first = b.getFloat(0);
            long after = residentPages();
            System.out.println("pageSize=4096");
            System.out.println("bytes=" + b.remaining());
            System.out.println("first=" + first);
            System.out.println("rssBefore=" + before);
            System.out.println("rssAfter=" + after);
        }
    }

    private static void handover(BufferAllocator root, int reps, String[] args) {
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        long[] best = new long[files.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        double check = 0;
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < files.size(); i++) {
                long t0 = System.nanoTime();
                try (MappedTensor t = TensorIpc.map(files.get(i), root)) {
                    FloatBuffer f = t.buffer().asFloatBuffer();
                    long t1 = System.nanoTime();
                    best[i] = Math.min(best[i], t1 - t0);
                    check += f.get(0);
                }
            }
        }
        for (int i = 0; i < files.size(); i++) {
            System.out.println("handoverNs." + i + "=" + best[i]);
        }
        System.out.println("check=" + check);
    }

    private static void poke(BufferAllocator root, Path path, int index, float value) {
        try (MappedTensor t = TensorIpc.map(path, root)) {
            t.buffer().putFloat(index * 4, value);
            System.out.println("poked=" + value);
        }
    }

    private static long residentPages() throws Exception {
        String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        return Long.parseLong(f[1]);
    }

    private static double sum(FloatBuffer b) {
        double s = 0;
        for (int i = 0; i < b.limit(); i++) {
            s += b.get(i);
        }
        return s;
    }

    private static long sum(LongBuffer b) {
        long s = 0;
        for (int i = 0; i < b.limit(); i++) {
            s += b.get(i);
        }
        return s;
    }
}
