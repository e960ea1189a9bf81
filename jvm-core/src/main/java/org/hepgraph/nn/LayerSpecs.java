package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * Layers from a JSON spec with PyTorch Geometric's options (what {@code hepgraph.from_pyg} sends):
 * a linear chain of steps on the node features {@code x}, each a graph layer ({@code x, edge_index
 * -> x}), a node-wise network or activation ({@code x -> x}), or a global pool ({@code x, batch ->
 * x}; after a pool only node-wise steps). {@link #parse} builds and initialises (float32, or the
 * type given) the blocks; running the chain is the caller's. Graph layers that read edge features
 * (GCNConv's edge weight, GATConv and GINEConv with {@code edgeDim}, GINEConv) get the chain's
 * {@code edgeAttr}; the others ignore it.
 *
 * <p>The spec is a JSON array of objects with {@code type} and options; an option a type does not
 * know is refused, naming it:
 *
 * <ul>
 *   <li>{@code GCNConv}: {@code in}, {@code out}, {@code improved}, {@code normalize}, {@code
 *       addSelfLoops}, {@code bias}
 *   <li>{@code GATConv}: {@code in}, {@code out}, {@code heads}, {@code concat}, {@code
 *       negativeSlope}, {@code dropout}, {@code addSelfLoops}, {@code edgeDim}, {@code bias}
 *   <li>{@code SAGEConv}: {@code in}, {@code out}, {@code aggr}, {@code normalize}, {@code
 *       rootWeight}, {@code project}, {@code bias}
 *   <li>{@code GINConv}: {@code in}, {@code nn} (an MLP spec), {@code eps}, {@code trainEps},
 *       {@code aggr}
 *   <li>{@code GINEConv}: {@code in}, {@code nn} (an MLP spec), {@code eps}, {@code trainEps},
 *       {@code edgeDim}
 *   <li>{@code EdgeConv}: {@code in}, {@code nn} (an MLP spec), {@code aggr}
 *   <li>{@code MLP}: {@code channels}, {@code act}, {@code norm} ({@code none}, {@code batch_norm},
 *       {@code layer_norm}), {@code plainLast}, {@code bias}, {@code dropout}; a {@code Linear} is
 *       an MLP of two channels
 *   <li>{@code act}: {@code name} (relu, leaky_relu, elu, gelu, silu, tanh, sigmoid)
 *   <li>{@code pool}: {@code reduce} (add, mean, max)
 * </ul>
 */
public final class LayerSpecs {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LayerSpecs() {}

    /** What a step consumes. */
    public enum Kind {
        /** A graph layer: {@code x, edgeIndex -> x}. */
        GRAPH,
        /** A node-wise block: {@code x -> x}. */
        NODE,
        /** An activation ({@link Step#option()} its name). */
        ACT,
        /** A global pool ({@link Step#option()} add, mean or max). */
        POOL
    }

    /**
     * One step of the chain: its kind, its block (graph and node-wise steps; null otherwise) and
     * the activation or pool name.
     */
    public record Step(Kind kind, Block block, String option) {

        /** Applies this step (inference or training as {@code training}). */
        public NDArray apply(
                ai.djl.training.ParameterStore ps,
                NDArray x,
                NDArray edgeIndex,
                NDArray batch,
                int numGraphs,
                boolean training) {
            return apply(ps, x, edgeIndex, null, batch, numGraphs, training);
        }

        /**
         * Applies this step; a graph layer also receives {@code edgeAttr} ({@code [E, D]}, or
         * {@code [E]} edge weights for GCNConv) when it is not null.
         */
        public NDArray apply(
                ai.djl.training.ParameterStore ps,
                NDArray x,
                NDArray edgeIndex,
                NDArray edgeAttr,
                NDArray batch,
                int numGraphs,
                boolean training) {
            ai.djl.ndarray.NDList in =
                    edgeAttr == null
                            ? new ai.djl.ndarray.NDList(x, edgeIndex)
                            : new ai.djl.ndarray.NDList(x, edgeIndex, edgeAttr);
            return switch (kind) {
                case GRAPH -> block.forward(ps, in, training).head();
                case NODE -> block.forward(ps, new ai.djl.ndarray.NDList(x), training).head();
                case ACT -> MLP.activate(option, x);
                case POOL -> pool(option, x, batch, numGraphs);
            };
        }
    }

    /**
     * The steps of {@code specJson}, their blocks initialised in float32 on {@code manager}'s
     * device.
     */
    public static List<Step> parse(String specJson, NDManager manager) {
        return parse(specJson, manager, DataType.FLOAT32);
    }

    /**
     * The steps of {@code specJson}, their blocks initialised in {@code dataType} (FLOAT32 or
     * FLOAT64) on {@code manager}'s device.
     */
    public static List<Step> parse(String specJson, NDManager manager, DataType dataType) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new InvalidArgumentException(
                    "model spec: parameters must be float32 or float64, got " + dataType);
        }
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
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < spec.size(); i++) {
            Step s = step(i, spec.get(i), manager, dataType);
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
        }
        return steps;
    }

    private static Step step(int i, JsonNode n, NDManager manager, DataType dtype) {
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
                        yield graph(b.build(), o.integer("in"), manager, dtype);
                    }
                    case "GATConv" -> {
                        GATConv.Builder b = GATConv.builder().setInChannels(o.integer("in"));
                        b.setOutChannels(o.integer("out"));
                        if (o.has("heads")) b.optHeads(o.integer("heads"));
                        if (o.has("concat")) b.optConcat(o.bool("concat"));
                        if (o.has("negativeSlope")) {
                            b.optNegativeSlope(o.number("negativeSlope"));
                        }
                        if (o.has("dropout")) b.optDropout((float) o.number("dropout"));
                        if (o.has("addSelfLoops")) b.optAddSelfLoops(o.bool("addSelfLoops"));
                        if (o.has("edgeDim")) b.optEdgeDim(o.integer("edgeDim"));
                        if (o.has("bias")) b.optBias(o.bool("bias"));
                        yield graph(b.build(), o.integer("in"), manager, dtype);
                    }
                    case "SAGEConv" -> {
                        SAGEConv.Builder b = SAGEConv.builder().setInChannels(o.integer("in"));
                        b.setOutChannels(o.integer("out"));
                        if (o.has("aggr")) b.optAggregation(o.aggr());
                        if (o.has("normalize")) b.optNormalize(o.bool("normalize"));
                        if (o.has("rootWeight")) b.optRootWeight(o.bool("rootWeight"));
                        if (o.has("project")) b.optProject(o.bool("project"));
                        if (o.has("bias")) b.optBias(o.bool("bias"));
                        yield graph(b.build(), o.integer("in"), manager, dtype);
                    }
                    case "GINConv" -> {
                        GINConv.Builder b = GINConv.builder().setInChannels(o.integer("in"));
                        b.optNn(mlp(where + " nn", o.object("nn")));
                        if (o.has("eps")) b.optEps(o.number("eps"));
                        if (o.has("trainEps")) b.optTrainEps(o.bool("trainEps"));
                        if (o.has("aggr")) b.optAggregation(o.aggr());
                        yield graph(b.build(), o.integer("in"), manager, dtype);
                    }
                    case "GINEConv" -> {
                        GINEConv.Builder b = GINEConv.builder().setInChannels(o.integer("in"));
                        b.optNn(mlp(where + " nn", o.object("nn")));
                        if (o.has("eps")) b.optEps(o.number("eps"));
                        if (o.has("trainEps")) b.optTrainEps(o.bool("trainEps"));
                        if (o.has("edgeDim")) b.optEdgeDim(o.integer("edgeDim"));
                        yield graph(b.build(), o.integer("in"), manager, dtype);
                    }
                    case "EdgeConv" -> {
                        EdgeConv.Builder b = EdgeConv.builder().setInChannels(o.integer("in"));
                        b.optNn(mlp(where + " nn", o.object("nn")));
                        if (o.has("aggr")) b.optAggregation(o.aggr());
                        yield graph(b.build(), o.integer("in"), manager, dtype);
                    }
                    case "MLP" -> {
                        MLP m = mlp(where, n);
                        o.markAll(
                                Set.of("channels", "act", "norm", "plainLast", "bias", "dropout"));
                        m.initialize(manager, dtype, new Shape(1, m.channels()[0]));
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
                                            + " GINEConv, EdgeConv, MLP, act, pool)");
                };
        o.checkAllUsed();
        return s;
    }

    private static Step graph(Block b, int in, NDManager manager, DataType dtype) {
        b.initialize(manager, dtype, new Shape(1, in), new Shape(2, 1));
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
