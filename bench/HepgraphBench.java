import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.models.GinEncoder;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GlobalPool;
import org.hepgraph.nn.MLP;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;

/**
 * Throughput of the two demo architectures on hepgraph (run against any hepgraph jar with {@code
 * java -cp JAR bench/HepgraphBench.java ...}; it uses only nn/data classes present on every
 * version): OCGIN (3 GIN layers of 32, mean aggregation, mean readout of every layer, ‖z − c‖²) and
 * the graph AE (GIN 32, 32, 4, decoder MLP 4 → 32 → F, per-graph mean squared reconstruction error).
 * Node features are standardised inside the model, as in hepgraph's models.
 *
 * <pre>
 *   export FILE JETS K        write toy-jet kNN graphs (seed 0, relative features) to FILE
 *   run FILE MODEL MODE BATCH EPOCHS [WARMUP]   MODEL ocgin|gae, MODE train|score; graphs/s
 * </pre>
 *
 * Graphs are held as the library stores them (a {@code GraphSet} where the version has one).
 * Train = batch construction + forward + backward + Adam, per batch of BATCH graphs; score = batch
 * construction + forward without gradients. WARMUP epochs (default 2: the JIT compiles the host
 * loops there) are not timed. Prints graphs per
 * second of wall-clock time and of process CPU time (less sensitive to other load on the machine).
 */
public final class HepgraphBench {

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "export" -> export(
                    Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "run" -> run(
                    Path.of(args[1]),
                    args[2],
                    args[3],
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]),
                    args.length > 6 ? Integer.parseInt(args[6]) : 2);
            default -> throw new IllegalArgumentException("export | run, got " + args[0]);
        }
    }

    /** Little endian: int32 numGraphs, int32 F; per graph int32 n, int32 e, f32 x[n·F], i64 ei[2e]. */
    static void export(Path file, int jets, int k) throws IOException {
        PaddedParticles particles =
                ToyJets.builder().optSeed(0).optSignalFraction(0).build().background(jets);
        List<Graph> graphs;
        try (NDManager m = NDManager.newBaseManager()) {
            graphs =
                    KnnGraph.deltaR(k)
                            .optNodeFeatures(JetNodeFeatures.RELATIVE)
                            .toGraphs(m, particles);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(graphs.size()).putInt(graphs.get(0).numFeatures());
            out.write(head.array());
            for (Graph g : graphs) {
                float[] x = g.x();
                long[] ei = g.edgeIndex();
                ByteBuffer b =
                        ByteBuffer.allocate(8 + 4 * x.length + 8 * ei.length)
                                .order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(g.numNodes()).putInt(g.numEdges());
                for (float v : x) {
                    b.putFloat(v);
                }
                for (long v : ei) {
                    b.putLong(v);
                }
                out.write(b.array());
            }
        }
        long nodes = graphs.stream().mapToLong(Graph::numNodes).sum();
        long edges = graphs.stream().mapToLong(Graph::numEdges).sum();
        System.out.printf(
                Locale.ROOT,
                "wrote %d graphs, %.1f nodes and %.1f edges per graph, to %s%n",
                graphs.size(),
                nodes / (double) graphs.size(),
                edges / (double) graphs.size(),
                file);
    }

    static List<Graph> read(Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ByteBuffer all = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int count = all.getInt();
            int f = all.getInt();
            List<Graph> graphs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = all.getInt();
                int e = all.getInt();
                float[] x = new float[n * f];
                all.asFloatBuffer().get(x);
                all.position(all.position() + 4 * x.length);
                long[] ei = new long[2 * e];
                all.asLongBuffer().get(ei);
                all.position(all.position() + 8 * ei.length);
                graphs.add(Graph.builder(n, f, x).edges(ei).build());
            }
            return graphs;
        }
    }

    static void run(Path file, String model, String mode, int batchSize, int epochs, int warmup)
            throws IOException {
        List<Graph> graphs = asStored(read(file));
        int f = graphs.get(0).numFeatures();
        float[][] stats = stats(graphs, f);
        boolean gae = model.equals("gae");
        int[] widths = gae ? new int[] {32, 32, 4} : new int[] {32, 32, 32};
        try (NDManager base = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            GinEncoder encoder = new GinEncoder(Aggregation.MEAN, f, widths);
            encoder.setInitializer(
                    new XavierInitializer(
                            XavierInitializer.RandomType.UNIFORM,
                            XavierInitializer.FactorType.IN,
                            1),
                    Parameter.Type.WEIGHT);
            encoder.initialize(base, DataType.FLOAT32, new Shape(1, f), new Shape(2, 1));
            MLP decoder = plainMlp(4, 32, f);
            decoder.setInitializer(
                    new XavierInitializer(
                            XavierInitializer.RandomType.UNIFORM,
                            XavierInitializer.FactorType.IN,
                            1),
                    Parameter.Type.WEIGHT);
            decoder.initialize(base, DataType.FLOAT32, new Shape(1, 4));
            NDArray mean = base.create(stats[0]);
            NDArray std = base.create(stats[1]);
            NDArray center = base.full(new Shape(96), 0.1f);
            List<Parameter> params = new ArrayList<>();
            for (Pair<String, Parameter> p : encoder.getParameters()) {
                params.add(p.getValue());
            }
            if (gae) {
                for (Pair<String, Parameter> p : decoder.getParameters()) {
                    params.add(p.getValue());
                }
            }
            ParameterStore ps = new ParameterStore(base, false);
            Optimizer adam = Adam.builder().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            Loss loss =
                    (batch, training) -> {
                        NDArray x = batch.x().sub(mean).div(std);
                        List<NDArray> layers = encoder.embed(ps, x, batch.edgeIndex(), training);
                        if (!gae) {
                            List<NDArray> pooled = new ArrayList<>();
                            for (NDArray h : layers) {
                                pooled.add(GlobalPool.mean(h, batch));
                            }
                            NDArray z = NDArrays.concat(new NDList(pooled), 1);
                            return z.sub(center).square().sum(new int[] {1});
                        }
                        NDArray rec =
                                decoder.forward(ps, new NDList(layers.get(2)), training)
                                        .singletonOrThrow();
                        NDArray err = rec.sub(x).square().mean(new int[] {1}, true);
                        return GlobalPool.mean(err, batch).reshape(batch.numGraphs());
                    };
            boolean train = mode.equals("train");
            double sink = 0;
            long start = 0;
            long cpuStart = 0;
            var os =
                    (com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int epoch = 0; epoch < warmup + epochs; epoch++) {
                if (epoch == warmup) {
                    start = System.nanoTime();
                    cpuStart = os.getProcessCpuTime();
                }
                for (int from = 0; from < graphs.size(); from += batchSize) {
                    List<Graph> chunk =
                            graphs.subList(from, Math.min(graphs.size(), from + batchSize));
                    try (NDManager scope = base.newSubManager()) {
                        GraphBatch batch = GraphBatch.of(scope, chunk);
                        if (train) {
                            try (GradientCollector gc =
                                    Engine.getInstance().newGradientCollector()) {
                                NDArray l = loss.of(batch, true).mean();
                                sink += l.getFloat();
                                gc.backward(l);
                            }
                            for (Parameter p : params) {
                                NDArray g = p.getArray().getGradient();
                                g.attach(scope);
                                adam.update(p.getId(), p.getArray(), g);
                            }
                        } else {
                            sink += loss.of(batch, false).toFloatArray()[0];
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "hepgraph %s %s batch=%d graphs/s=%.1f cpu_graphs/s=%.1f (check %.4g)%n",
                    model,
                    mode,
                    batchSize,
                    epochs * graphs.size() / seconds,
                    epochs * graphs.size() / cpuSeconds,
                    sink);
        }
    }

    /**
     * The graphs as the library stores them: a columnar {@code GraphSet} on versions that have one
     * (batches are then gathered from its buffers), the plain list before.
     */
    @SuppressWarnings("unchecked")
    static List<Graph> asStored(List<Graph> graphs) {
        try {
            Class<?> set = Class.forName("org.hepgraph.data.GraphSet");
            return (List<Graph>) set.getMethod("copyOf", List.class).invoke(null, graphs);
        } catch (ClassNotFoundException e) {
            return graphs;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An MLP without normalisation on every hepgraph version: versions with PyG's MLP options
     * default to batch norm (PyG's default), which the graph AE's decoder switches off.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MLP plainMlp(int... channels) {
        MLP.Builder b = MLP.builder().setChannels(channels);
        try {
            Class norm = Class.forName("org.hepgraph.nn.MLP$Norm");
            b = (MLP.Builder)
                    MLP.Builder.class
                            .getMethod("optNorm", norm)
                            .invoke(b, Enum.valueOf(norm, "NONE"));
        } catch (ClassNotFoundException e) {
            // An older MLP: no normalisation option, no normalisation.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return b.build();
    }

    interface Loss {
        NDArray of(GraphBatch batch, boolean training);
    }

    static float[][] stats(List<Graph> graphs, int f) {
        double[] sum = new double[f];
        double[] sq = new double[f];
        long n = 0;
        for (Graph g : graphs) {
            float[] x = g.x();
            for (int i = 0; i < x.length; i++) {
                sum[i % f] += x[i];
                sq[i % f] += (double) x[i] * x[i];
            }
            n += g.numNodes();
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int j = 0; j < f; j++) {
            mean[j] = (float) (sum[j] / n);
            double var = sq[j] / n - mean[j] * (double) mean[j];
            std[j] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new float[][] {mean, std};
    }
}
