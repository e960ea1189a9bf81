package org.hepgraph.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;
import org.hepgraph.nn.LayerSpecs;
import org.hepgraph.nn.LayerSpecs.Step;

/**
 * A model built from a JSON layer spec with PyTorch Geometric's options ({@link LayerSpecs}), for
 * {@code hepgraph.from_pyg}. Weights, inputs and outputs cross as tensor files of the session's
 * exchange ({@link TensorIpc}); Py4J carries only the paths. Parameters are named {@code
 * <step>.<hepgraph name>}, e.g. {@code 0.01linear_weight}.
 */
public final class BridgeModel implements AutoCloseable {

    private final NDManager manager;
    private final BufferAllocator allocator;
    private final List<Step> steps;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private boolean closed;

    BridgeModel(String specJson, BufferAllocator allocator, NDManager manager) {
        this.allocator = allocator;
        this.manager = manager;
        this.steps = LayerSpecs.parse(specJson, manager);
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
     * Sets parameters from tensor files ({@code name → path}, float32 of the parameter's shape);
     * every parameter must be given, once.
     */
    public void loadParameters(Map<String, String> files) {
        checkOpen();
        Set<String> missing = new TreeSet<>(parameters.keySet());
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
                x = s.apply(ps, x, ei, batch, numGraphs, false);
            }
            TensorIpc.write(x, Path.of(outPath));
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
