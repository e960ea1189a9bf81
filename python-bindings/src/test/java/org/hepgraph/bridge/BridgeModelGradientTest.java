package org.hepgraph.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BridgeModel#forwardBackward} in float64 on a linear model {@code y = w·x + b}, where
 * {@code loss = Σ g_i y_i} has the gradients {@code g_i w} (x), {@code Σ g_i x_i} (w) and {@code Σ
 * g_i} (b); both input forms (planned batch by {@code ptr}, raw {@code batch}) give them, twice in
 * a row (gradients do not accumulate across calls).
 */
class BridgeModelGradientTest {

    private final HepgraphEntryPoint ep = new HepgraphEntryPoint();

    private static String write(double[] v, long[] shape, Path p) {
        ByteBuffer b = ByteBuffer.allocateDirect(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        TensorIpc.write(b, DataType.FLOAT64, shape, p);
        return p.toString();
    }

    private static String writeLong(long[] v, long[] shape, Path p) {
        ByteBuffer b = ByteBuffer.allocateDirect(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        TensorIpc.write(b, DataType.INT64, shape, p);
        return p.toString();
    }

    private static double[] read(String p) {
        try (RootAllocator a = new RootAllocator();
                MappedTensor t = TensorIpc.map(Path.of(p), a);
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(DataType.FLOAT64, t.dataType(), p);
            return t.toNDArray(m).toDoubleArray();
        }
    }

    @Test
    void gradientsOfALinearModelInFloat64(@TempDir Path dir) {
        try (BridgeModel model =
                ep.buildModel(
                        "[{\"type\":\"MLP\",\"channels\":[2,1],\"norm\":\"none\"}]", "float64")) {
            model.loadParameters(
                    Map.of(
                            "0.01linear1_weight",
                            write(new double[] {0.1, -0.3}, new long[] {1, 2}, dir.resolve("w")),
                            "0.01linear1_bias",
                            write(new double[] {0.7}, new long[] {1}, dir.resolve("b"))));
            Map<String, String> in = new HashMap<>();
            in.put("x", write(new double[] {1, 2, -3, 0.5}, new long[] {2, 2}, dir.resolve("x")));
            in.put("edge_index", writeLong(new long[] {0, 1}, new long[] {2, 1}, dir.resolve("e")));
            in.put("grad", write(new double[] {1.5, -2}, new long[] {2, 1}, dir.resolve("g")));
            for (String form : new String[] {"ptr", "batch", "ptr"}) {
                Map<String, String> inputs = new HashMap<>(in);
                if (form.equals("ptr")) {
                    inputs.put(
                            "ptr", writeLong(new long[] {0, 2}, new long[] {2}, dir.resolve("p")));
                } else {
                    inputs.put(
                            "batch",
                            writeLong(new long[] {0, 0}, new long[] {2}, dir.resolve("q")));
                }
                Map<String, String> out = new HashMap<>();
                for (String k :
                        new String[] {
                            "out", "grad.x", "grad.0.01linear1_weight", "grad.0.01linear1_bias"
                        }) {
                    out.put(k, dir.resolve(k + form).toString());
                }
                model.forwardBackward(inputs, 1, false, out);
                assertArrayEquals(
                        new double[] {0.1 - 0.6 + 0.7, -0.3 - 0.15 + 0.7},
                        read(out.get("out")),
                        1e-15,
                        form);
                assertArrayEquals(
                        new double[] {0.15, -0.45, -0.2, 0.6}, read(out.get("grad.x")), 1e-15);
                assertArrayEquals(
                        new double[] {1.5 + 6, 3 - 1},
                        read(out.get("grad.0.01linear1_weight")),
                        1e-15);
                assertArrayEquals(
                        new double[] {-0.5}, read(out.get("grad.0.01linear1_bias")), 1e-15);
            }
            in.put("weights", in.get("x"));
            var e =
                    assertThrows(
                            InvalidArgumentException.class,
                            () -> model.forwardBackward(in, 1, false, Map.of()));
            assertTrue(e.getMessage().contains("unknown input 'weights'"), e.getMessage());
        }
    }

    @Test
    void refusesAnUnknownDataType() {
        var e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> ep.buildModel("[{\"type\":\"act\",\"name\":\"relu\"}]", "float16"));
        assertTrue(e.getMessage().contains("float16"), e.getMessage());
    }
}
