package org.hepgraph.bridge;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;
import org.hepgraph.nn.LayerSpecs;
import org.hepgraph.nn.LayerSpecs.Step;

/**
 * A model built from a JSON layer spec with PyTorch Geometric's options ({@link LayerSpecs}), for
 * {@code hepgraph.from_pyg}. Weights, inputs and outputs cross as tensor files of the session's
 * exchange ({@link TensorIpc}); Py4J carries only the paths. Parameters are named {@code
 * <step>.<hepgraph name>}, e.g. {@code 0.01linear_weight}. The model computes in float32 or, built
 * with that type, float64 (parameters, inputs and outputs alike); {@link #forwardBackward} also
 * returns the gradients, for the PyG parity suite ({@code tests/} at the repository root).
 */
public final class BridgeModel implements AutoCloseable {

    private static final String WHO = "model weights";

    private final NDManager manager;
    private final BufferAllocator allocator;
    private final List<Step> steps;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final DataType dataType;
    private boolean closed;

    BridgeModel(String specJson, BufferAllocator allocator, NDManager manager) {
        this(specJson, allocator, manager, DataType.FLOAT32);
    }

    BridgeModel(String specJson, BufferAllocator allocator, NDManager manager, DataType dataType) {
        this.allocator = allocator;
        this.manager = manager;
        this.dataType = dataType;
        this.steps = LayerSpecs.parse(specJson, manager, dataType);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).block() != null) {
                for (Pair<String, Parameter> p : steps.get(i).block().getParameters()) {
                    parameters.put(i + "." + p.getKey(), p.getValue());
                }
            }
        }
    }

    /** The parameters by name, in order (live; for {@link DetectorHandle}'s encoder transfer). */
    Map<String, Parameter> parameters() {
        checkOpen();
        return parameters;
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
     * Sets parameters from tensor files ({@code name → path}, of the model's type and the
     * parameter's shape); every parameter must be given, once.
     */
    public void loadParameters(Map<String, String> files) {
        checkOpen();
        ParameterFiles.requireExactly(WHO, parameters.keySet(), files, "unknown", "");
        ParameterFiles.load(WHO, parameters, files, dataType, allocator);
    }

    /** Writes every parameter to its tensor file ({@code name → path}). */
    public void writeParameters(Map<String, String> files) {
        checkOpen();
        ParameterFiles.write(WHO, parameters, files, " in " + parameters.keySet());
    }

    /**
     * Runs the model in inference mode on {@code x} ({@code [N, F]}, the model's type), {@code
     * edgeIndex} (int64 {@code [2, E]}) and {@code batch} (int64 {@code [N]}, or null: one graph),
     * all tensor files, and writes the output to {@code outPath}.
     */
    public void forwardToFile(
            String xPath, String edgeIndexPath, String batchPath, int numGraphs, String outPath) {
        forwardToFile(xPath, edgeIndexPath, null, batchPath, numGraphs, outPath);
    }

    /**
     * As {@link #forwardToFile(String, String, String, int, String)}, with edge features {@code
     * edgeAttrPath} ({@code [E, D]}, or GCN edge weights {@code [E]}; null for none) given to every
     * graph layer.
     */
    public void forwardToFile(
            String xPath,
            String edgeIndexPath,
            String edgeAttrPath,
            String batchPath,
            int numGraphs,
            String outPath) {
        checkOpen();
        try (NDManager m = manager.newSubManager();
                MappedTensor xt = TensorIpc.map(Path.of(xPath), allocator);
                MappedTensor et = TensorIpc.map(Path.of(edgeIndexPath), allocator);
                MappedTensor at =
                        edgeAttrPath == null
                                ? null
                                : TensorIpc.map(Path.of(edgeAttrPath), allocator);
                MappedTensor bt =
                        batchPath == null ? null : TensorIpc.map(Path.of(batchPath), allocator)) {
            NDArray x = xt.toNDArray(m).toDevice(manager.getDevice(), false);
            NDArray ei = et.toNDArray(m).toDevice(manager.getDevice(), false);
            NDArray attr = at == null ? null : at.toNDArray(m).toDevice(manager.getDevice(), false);
            NDArray batch =
                    bt == null ? null : bt.toNDArray(m).toDevice(manager.getDevice(), false);
            ParameterStore ps = new ParameterStore(m, false);
            for (Step s : steps) {
                x = s.apply(ps, x, ei, attr, batch, numGraphs, false);
            }
            TensorIpc.write(x, Path.of(outPath));
        }
    }

    /**
     * One forward and backward pass for the parity suite. {@code inputs} names tensor files: {@code
     * x} ({@code [N, F]}, the model's type), {@code edge_index} (int64 {@code [2, E]}), optional
     * {@code edge_attr} ({@code [E, D]} or GCN edge weights {@code [E]}, the model's type),
     * optional {@code ptr} (int64 {@code [B+1]}: the inputs form a planned {@link GraphBatch}, as
     * in training) or optional {@code batch} (int64 {@code [N]}: raw arrays, as {@link
     * #forwardToFile}), and {@code grad} (the upstream gradient {@code g}, the output's shape). The
     * loss {@code Σ out ⊙ g} is differentiated; {@code outputs} names where to write {@code out},
     * {@code grad.x}, {@code grad.edge_attr} (when given) and {@code grad.<parameter>} for every
     * parameter (zeros where the output does not depend on it). {@code training} runs training mode
     * (batch norm on batch statistics; dropout draws masks, so parity cases use it without
     * dropout).
     *
     * @param numGraphs the graph count with {@code batch} (ignored with {@code ptr})
     */
    public void forwardBackward(
            Map<String, String> inputs,
            int numGraphs,
            boolean training,
            Map<String, String> outputs) {
        checkOpen();
        for (String k : inputs.keySet()) {
            if (!Set.of("x", "edge_index", "edge_attr", "ptr", "batch", "grad").contains(k)) {
                throw new InvalidArgumentException(
                        "forwardBackward: unknown input '"
                                + k
                                + "'; give x, edge_index, grad and optionally edge_attr, ptr or"
                                + " batch");
            }
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray x = input(m, inputs, "x", dataType);
            NDArray edgeIndex = input(m, inputs, "edge_index", DataType.INT64);
            NDArray edgeAttr = input(m, inputs, "edge_attr", dataType);
            NDArray ptr = input(m, inputs, "ptr", DataType.INT64);
            NDArray batch = input(m, inputs, "batch", DataType.INT64);
            NDArray grad = input(m, inputs, "grad", dataType);
            if (x == null || edgeIndex == null || grad == null) {
                throw new InvalidArgumentException(
                        "forwardBackward: x, edge_index and grad are required, got "
                                + inputs.keySet());
            }
            for (Parameter p : parameters.values()) {
                NDArray a = p.getArray();
                if (a.hasGradient()) {
                    a.getGradient().subi(a.getGradient());
                }
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                x.setRequiresGradient(true);
                if (edgeAttr != null) {
                    edgeAttr.setRequiresGradient(true);
                }
                NDArray ei = edgeIndex;
                int graphs = numGraphs;
                if (ptr != null) {
                    GraphBatch b =
                            GraphBatch.fromArrays(x, edgeIndex, null, ptr.toLongArray(), null);
                    ei = b.edgeIndex();
                    batch = b.batch();
                    graphs = b.numGraphs();
                }
                ParameterStore ps = new ParameterStore(m, false);
                NDArray out = x;
                for (Step s : steps) {
                    out = s.apply(ps, out, ei, edgeAttr, batch, graphs, training);
                }
                gc.backward(out.mul(grad).sum());
                write(out, outputs, "out");
                write(x.getGradient(), outputs, "grad.x");
                if (edgeAttr != null) {
                    write(edgeAttr.getGradient(), outputs, "grad.edge_attr");
                }
                for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                    NDArray a = e.getValue().getArray();
                    write(
                            a.hasGradient() ? a.getGradient() : a.zerosLike(),
                            outputs,
                            "grad." + e.getKey());
                }
            }
        }
    }

    /**
     * The tensor file {@code inputs[name]} copied into {@code m}, checked to be of {@code type}.
     */
    private NDArray input(NDManager m, Map<String, String> inputs, String name, DataType type) {
        String path = inputs.get(name);
        if (path == null) {
            return null;
        }
        try (MappedTensor t = TensorIpc.map(Path.of(path), allocator)) {
            if (t.dataType() != type) {
                throw new InvalidArgumentException(
                        "forwardBackward: "
                                + name
                                + " holds "
                                + t.dataType()
                                + " values; it must be "
                                + type.name().toLowerCase(java.util.Locale.ROOT));
            }
            // A copy, not the mapping: autograd keeps the array after the file is unmapped.
            return t.toNDArray(m).duplicate().toDevice(manager.getDevice(), false);
        }
    }

    private static void write(NDArray a, Map<String, String> outputs, String name) {
        String path = outputs.get(name);
        if (path != null) {
            TensorIpc.write(a, Path.of(path));
        }
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
}
