package org.hepgraph.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;

/**
 * A model's named parameters crossing to Python as data-plane tensor files ({@link TensorIpc}),
 * {@code name → path}: how {@link BridgeModel} and {@link DetectorTrace} check, load and write
 * them. {@code who} starts each error message (e.g. {@code model weights}).
 */
final class ParameterFiles {

    private ParameterFiles() {}

    /**
     * Refuses {@code files} unless it names every one of {@code expected} and nothing else.
     *
     * @param unknown what the message calls names not expected (e.g. {@code unknown or computed})
     * @param fix what the message ends with (empty, or e.g. {@code "; give every name of ..."})
     */
    static void requireExactly(
            String who,
            Collection<String> expected,
            Map<String, String> files,
            String unknown,
            String fix) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(files.keySet());
        List<String> extra = new ArrayList<>(files.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new InvalidArgumentException(
                    who + ": missing " + missing + ", " + unknown + " " + extra + fix);
        }
    }

    /**
     * Sets each parameter {@code files} names from its tensor file, which must hold {@code type}
     * values (float32 or float64) of the parameter's shape; every name must be a parameter.
     */
    static void load(
            String who,
            Map<String, Parameter> parameters,
            Map<String, String> files,
            DataType type,
            BufferAllocator allocator) {
        for (Map.Entry<String, String> e : files.entrySet()) {
            NDArray target = parameters.get(e.getKey()).getArray();
            try (MappedTensor t = TensorIpc.map(Path.of(e.getValue()), allocator)) {
                if (t.dataType() != type
                        || !Arrays.equals(t.shape(), target.getShape().getShape())) {
                    throw new InvalidArgumentException(
                            who
                                    + ": "
                                    + e.getKey()
                                    + " must be "
                                    + type
                                    + " of shape "
                                    + target.getShape()
                                    + ", got "
                                    + t.dataType()
                                    + " "
                                    + Arrays.toString(t.shape()));
                }
                ByteBuffer b = t.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                target.set(type == DataType.FLOAT64 ? b.asDoubleBuffer() : b.asFloatBuffer());
            }
        }
    }

    /**
     * Writes each parameter {@code files} names to its tensor file.
     *
     * @param hint what follows the name in the error for a name that is not a parameter
     */
    static void write(
            String who, Map<String, Parameter> parameters, Map<String, String> files, String hint) {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Parameter p = parameters.get(e.getKey());
            if (p == null) {
                throw new InvalidArgumentException(who + ": no parameter " + e.getKey() + hint);
            }
            TensorIpc.write(p.getArray(), Path.of(e.getValue()));
        }
    }
}
