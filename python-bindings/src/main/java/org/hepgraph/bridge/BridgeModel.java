package org.hepgraph.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;
import org.hepgraph.nn.EdgeConv;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GATConv;
import org.hepgraph.nn.GCNConv;
import org.hepgraph.nn.GINConv;
import org.hepgraph.nn.GlobalPool;
import org.hepgraph.nn.MLP;
import org.hepgraph.nn.SAGEConv;

/**
 * A model built from a JSON layer spec with PyTorch Geometric's options, for {@code
 * hepgraph.from_pyg}: a linear chain of steps applied to the node features {@code x}, each a graph
 * layer ({@code x, edge_index -> x}), a node-wise network or activation ({@code x -> x}), or a
 * global pool ({@code x, batch -> x}, once, last). Weights, inputs and outputs cross as tensor
 * files of the session's exchange ({@link TensorIpc}); Py4J carries only the paths.
 *
 * <p>The spec is a JSON array of objects with {@code type} and options; every option a type does
 * not know is refused, naming it:
 *
 * <ul>
 *   <li>{@code GCNConv}: {@code in}, {@code out}, {@code improved}, {@code normalize}, {@code
 *       addSelfLoops}, {@code bias}
 *   <li>{@code GATConv}: {@code in}, {@code out}, {@code heads}, {@code concat}, {@code
 *       negativeSlope}, {@code addSelfLoops}, {@code bias}
 *   <li>{@code SAGEConv}: {@code in}, {@code out}, {@code aggr}, {@code normalize}, {@code
 *       rootWeight}, {@code project}, {@code bias}
 *   <li>{@code GINConv}: {@code in}, {@code nn} (an MLP spec), {@code eps}, {@code trainEps},
 *       {@code aggr}
 *   <li>{@code EdgeConv}: {@code in}, {@code nn} (an MLP spec), {@code aggr}
 *   <li>{@code MLP}: {@code channels}, {@code act}, {@code norm} ({@code none}, {@code batch_norm},
 *       {@code layer_norm}), {@code plainLast}, {@code bias}; a {@code Linear} is an MLP of two
 *       channels
 *   <li>{@code act}: {@code name} (relu, leaky_relu, elu, gelu, silu, tanh, sigmoid)
 *   <li>{@code pool}: {@code reduce} (add, mean, max)
 * </ul>
 *
 * <p>Parameters are named {@code <step>.<hepgraph name>}, e.g. {@code 0.01linear_weight}.
 */
public final class BridgeModel implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private enum Kind {
        GRAPH,
        NODE,
        ACT,
        POOL
    }

    private record Step(Kind kind, Block block, String option) {}

    private final NDManager manager;
    private final BufferAllocator allocator;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private boolean closed;

    BridgeModel(String specJson, BufferAllocator allocator, NDManager manager) {
        this.allocator = allocator;
        this.manager = manager;
        JsonNode spec;
        try {
            spec = MAPPER.readTree(specJson);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException(
                    "model spec: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (spec == null || !spec.isArray() || spec.isEmpty()) {
            throw new InvalidArgumentException(
                    "model spec: expected a non-empty JSON array of layers, got " + specJson);
        }
        for (int i = 0; i < spec.size(); i++) {
            Step s = step(i, spec.get(i));
            if ((s.kind() == Kind.GRAPH || s.kind() == Kind.POOL)
                    && steps.stream().anyMatch(p -> p.kind() == Kind.POOL)) {
                throw new InvalidArgumentException(
                        "model spec: layer "
                                + i
                                + " ("
                                + s.kind().name().toLowerCase(Locale.ROOT)
                                + ") follows a global pool; after the pool only node-wise layers"
                                + " (MLP, act) may come");
            }
            steps.add(s);
            if (s.block() != null) {
                for (Pair<String, Parameter> p : s.block().getParameters()) {
                    parameters.put(i + "." + p.getKey(), p.getValue());
                }
            }
        }
    }

    private Step step(int i, JsonNode n) {
        String where = "model spec layer " + i;
        if (n == null || !n.isObject() || !n.has("type")) {
            throw new InvalidArgumentException(
                    where + ": expected an object with a 'type', got " + n);
        }
        Opts o = new Opts(where, n);
        String type = o.str("type", null);
        Step s =
                switch (type) {
                    case "GCNConv" -> {
                        GCNConv.Builder b = GCNConv.builder().setInChannels(o.integer("in"));
                        b.setOutChannels(o.integer("out"));
                        if (o.has("improved")) b.optImproved(o.bool("improved"));
                        if (o.has("normalize")) b.optNormalize(o.bool("normalize"));
                        if (o.has("addSelfLoops")) b.optAddSelfLoops(o.bool("addSelfLoops"));
                        if (o.has("bias")) b.optBias(o.bool("bias"));
                        yield graph(b.build(), o.integer("in"));
                    }
                    case "GATConv" -> {
                        GATConv.Builder b = GATConv.builder().setInChannels(o.integer("in"));
                        b.setOutChannels(o.integer("out"));
                        if (o.has("heads")) b.optHeads(o.integer("heads"));
                        if (o.has("concat")) b.optConcat(o.bool("concat"));
                        if (o.has("negativeSlope")) {
                            b.optNegativeSlope((float) o.number("negativeSlope"));
                        }
                        if (o.has("addSelfLoops")) b.optAddSelfLoops(o.bool("addSelfLoops"));
                        if (o.has("bias")) b.optBias(o.bool("bias"));
                        yield graph(b.build(), o.integer("in"));
                    }
                    case "SAGEConv" -> {
                        SAGEConv.Builder b = SAGEConv.builder().setInChannels(o.integer("in"));
                        b.setOutChannels(o.integer("out"));
                        if (o.has("aggr")) b.optAggregation(o.aggr());
                        if (o.has("normalize")) b.optNormalize(o.bool("normalize"));
                        if (o.has("rootWeight")) b.optRootWeight(o.bool("rootWeight"));
                        if (o.has("project")) b.optProject(o.bool("project"));
                        if (o.has("bias")) b.optBias(o.bool("bias"));
                        yield graph(b.build(), o.integer("in"));
                    }
                    case "GINConv" -> {
                        GINConv.Builder b = GINConv.builder().setInChannels(o.integer("in"));
                        b.optNn(mlp(where + " nn", o.object("nn")));
                        if (o.has("eps")) b.optEps((float) o.number("eps"));
                        if (o.has("trainEps")) b.optTrainEps(o.bool("trainEps"));
                        if (o.has("aggr")) b.optAggregation(o.aggr());
                        yield graph(b.build(), o.integer("in"));
                    }
                    case "EdgeConv" -> {
                        EdgeConv.Builder b = EdgeConv.builder().setInChannels(o.integer("in"));
                        b.optNn(mlp(where + " nn", o.object("nn")));
                        if (o.has("aggr")) b.optAggregation(o.aggr());
                        yield graph(b.build(), o.integer("in"));
                    }
                    case "MLP" -> {
                        MLP m = mlp(where, n);
                        o.markAll(
                                Set.of("channels", "act", "norm", "plainLast", "bias", "dropout"));
                        m.initialize(manager, DataType.FLOAT32, new Shape(1, m.channels()[0]));
                        yield new Step(Kind.NODE, m, null);
                    }
                    case "act" -> {
                        String name = o.str("name", null);
                        if (!Set.of("relu", "leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid")
                                .contains(name)) {
                            throw new InvalidArgumentException(
                                    where + ": unknown activation '" + name + "'");
                        }
                        yield new Step(Kind.ACT, null, name);
                    }
                    case "pool" -> {
                        String reduce = o.str("reduce", null);
                        if (!Set.of("add", "mean", "max").contains(reduce)) {
                            throw new InvalidArgumentException(
                                    where
                                            + ": pool reduce must be add, mean or max, got '"
                                            + reduce
                                            + "'");
                        }
                        yield new Step(Kind.POOL, null, reduce);
                    }
                    default ->
                            throw new InvalidArgumentException(
                                    where
                                            + ": unknown layer type '"
                                            + type
                                            + "' (known: GCNConv, GATConv, SAGEConv, GINConv,"
                                            + " EdgeConv, MLP, act, pool)");
                };
        o.checkAllUsed();
        return s;
    }

    private Step graph(Block b, int in) {
        b.initialize(manager, DataType.FLOAT32, new Shape(1, in), new Shape(2, 1));
        return new Step(Kind.GRAPH, b, null);
    }

    private static MLP mlp(String where, JsonNode n) {
        Opts o = new Opts(where, n);
        if (n.has("type") && !"MLP".equals(n.get("type").asText())) {
            throw new InvalidArgumentException(where + ": expected an MLP, got " + n.get("type"));
        }
        o.mark("type");
        JsonNode ch = o.node("channels");
        if (ch == null || !ch.isArray() || ch.size() < 2) {
            throw new InvalidArgumentException(
                    where + ": 'channels' must be an array of at least 2 widths, got " + ch);
        }
        int[] channels = new int[ch.size()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = ch.get(i).asInt();
        }
        MLP.Builder b = MLP.builder().setChannels(channels);
        if (o.has("act")) b.optActivation(o.str("act", null));
        if (o.has("norm")) {
            b.optNorm(MLP.Norm.valueOf(o.str("norm", null).toUpperCase(Locale.ROOT)));
        }
        if (o.has("plainLast")) b.optPlainLast(o.bool("plainLast"));
        if (o.has("bias")) b.optBias(o.bool("bias"));
        if (o.has("dropout")) b.optDropout((float) o.number("dropout"));
        o.checkAllUsed();
        return b.build();
    }

    /** The parameters as a JSON array of {@code name}, {@code shape}, in order. */
    public String parametersJson() {
        checkOpen();
        List<Map<String, Object>> out = new ArrayList<>();
        parameters.forEach(
                (k, p) -> out.add(Map.of("name", k, "shape", p.getArray().getShape().getShape())));
        return Json.write(out);
    }

    /**
     * Sets parameters from tensor files ({@code name → path}, float32 of the parameter's shape);
     * every parameter must be given, once.
     */
    public void loadParameters(Map<String, String> files) {
        checkOpen();
        Set<String> missing = new java.util.TreeSet<>(parameters.keySet());
        missing.removeAll(files.keySet());
        List<String> unknown = new ArrayList<>(files.keySet());
        unknown.removeAll(parameters.keySet());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new InvalidArgumentException(
                    "model weights: missing " + missing + ", unknown " + unknown);
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            NDArray target = parameters.get(e.getKey()).getArray();
            try (MappedTensor t = TensorIpc.map(Path.of(e.getValue()), allocator)) {
                if (t.dataType() != DataType.FLOAT32
                        || !Arrays.equals(t.shape(), target.getShape().getShape())) {
                    throw new InvalidArgumentException(
                            "model weights: "
                                    + e.getKey()
                                    + " must be float32 of shape "
                                    + target.getShape()
                                    + ", got "
                                    + t.dataType()
                                    + " "
                                    + Arrays.toString(t.shape()));
                }
                target.set(t.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
            }
        }
    }

    /** Writes every parameter to its tensor file ({@code name → path}). */
    public void writeParameters(Map<String, String> files) {
        checkOpen();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Parameter p = parameters.get(e.getKey());
            if (p == null) {
                throw new InvalidArgumentException(
                        "model weights: no parameter " + e.getKey() + " in " + parameters.keySet());
            }
            TensorIpc.write(p.getArray(), Path.of(e.getValue()));
        }
    }

    /**
     * Runs the model in inference mode on {@code x} (float32 {@code [N, F]}), {@code edgeIndex}
     * (int64 {@code [2, E]}) and {@code batch} (int64 {@code [N]}, or null: one graph), all tensor
     * files, and writes the output to {@code outPath}.
     */
    public void forwardToFile(
            String xPath, String edgeIndexPath, String batchPath, int numGraphs, String outPath) {
        checkOpen();
        try (NDManager m = manager.newSubManager();
                MappedTensor xt = TensorIpc.map(Path.of(xPath), allocator);
                MappedTensor et = TensorIpc.map(Path.of(edgeIndexPath), allocator);
                MappedTensor bt =
                        batchPath == null ? null : TensorIpc.map(Path.of(batchPath), allocator)) {
            NDArray x = xt.toNDArray(m).toDevice(manager.getDevice(), false);
            NDArray ei = et.toNDArray(m).toDevice(manager.getDevice(), false);
            NDArray batch =
                    bt == null ? null : bt.toNDArray(m).toDevice(manager.getDevice(), false);
            ParameterStore ps = new ParameterStore(m, false);
            for (Step s : steps) {
                x =
                        switch (s.kind()) {
                            case GRAPH -> s.block().forward(ps, new NDList(x, ei), false).head();
                            case NODE -> s.block().forward(ps, new NDList(x), false).head();
                            case ACT -> act(s.option(), x);
                            case POOL -> pool(s.option(), x, batch, numGraphs);
                        };
            }
            TensorIpc.write(x, Path.of(outPath));
        }
    }

    private static NDArray act(String name, NDArray h) {
        return switch (name) {
            case "relu" -> ai.djl.nn.Activation.relu(h);
            case "leaky_relu" -> ai.djl.nn.Activation.leakyRelu(h, 0.01f);
            case "elu" -> ai.djl.nn.Activation.elu(h, 1f);
            case "gelu" -> ai.djl.nn.Activation.gelu(h);
            case "silu" -> h.mul(ai.djl.nn.Activation.sigmoid(h));
            case "tanh" -> ai.djl.nn.Activation.tanh(h);
            default -> ai.djl.nn.Activation.sigmoid(h);
        };
    }

    private static NDArray pool(String reduce, NDArray x, NDArray batch, int numGraphs) {
        NDArray b =
                batch != null
                        ? batch
                        : x.getManager().zeros(new Shape(x.getShape().get(0)), DataType.INT64);
        int g = batch != null ? numGraphs : 1;
        return switch (reduce) {
            case "add" -> GlobalPool.add(x, b, g);
            case "mean" -> GlobalPool.mean(x, b, g);
            default -> GlobalPool.max(x, b, g);
        };
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    /** Reads one spec object's options, remembering which were used. */
    private static final class Opts {
        private final String where;
        private final JsonNode n;
        private final Set<String> used = new java.util.HashSet<>();

        Opts(String where, JsonNode n) {
            this.where = where;
            this.n = n;
            used.add("type");
        }

        boolean has(String k) {
            return n.has(k) && !n.get(k).isNull();
        }

        void mark(String k) {
            used.add(k);
        }

        void markAll(Set<String> ks) {
            used.addAll(ks);
        }

        JsonNode node(String k) {
            used.add(k);
            return n.get(k);
        }

        JsonNode object(String k) {
            JsonNode v = node(k);
            if (v == null || !v.isObject()) {
                throw new InvalidArgumentException(where + ": '" + k + "' must be an object");
            }
            return v;
        }

        String str(String k, String def) {
            JsonNode v = node(k);
            if (v == null || v.isNull()) {
                if (def == null) {
                    throw new InvalidArgumentException(where + ": '" + k + "' is required");
                }
                return def;
            }
            return v.asText();
        }

        int integer(String k) {
            JsonNode v = node(k);
            if (v == null || !v.canConvertToInt()) {
                throw new InvalidArgumentException(
                        where + ": '" + k + "' must be an integer, got " + v);
            }
            return v.asInt();
        }

        double number(String k) {
            JsonNode v = node(k);
            if (v == null || !v.isNumber()) {
                throw new InvalidArgumentException(
                        where + ": '" + k + "' must be a number, got " + v);
            }
            return v.asDouble();
        }

        boolean bool(String k) {
            JsonNode v = node(k);
            if (v == null || !v.isBoolean()) {
                throw new InvalidArgumentException(
                        where + ": '" + k + "' must be true or false, got " + v);
            }
            return v.asBoolean();
        }

        Aggregation aggr() {
            String a = str("aggr", null);
            return switch (a) {
                case "add", "sum" -> Aggregation.SUM;
                case "mean" -> Aggregation.MEAN;
                case "max" -> Aggregation.MAX;
                default ->
                        throw new InvalidArgumentException(
                                where + ": aggr must be add, mean or max, got '" + a + "'");
            };
        }

        void checkAllUsed() {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!used.contains(k)) {
                    throw new InvalidArgumentException(where + ": unknown option '" + k + "'");
                }
            }
        }
    }
}
