package org.hepgraph.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeModelTest {

    private final HepgraphEntryPoint ep = new HepgraphEntryPoint();

    private static final String SPEC =
            "[{\"type\":\"GCNConv\",\"in\":2,\"out\":3,\"bias\":false},"
                    + "{\"type\":\"act\",\"name\":\"relu\"},{\"type\":\"pool\",\"reduce\":\"add\"},"
                    + "{\"type\":\"MLP\",\"channels\":[3,1],\"norm\":\"none\"}]";

    private static void write(float[] v, long[] shape, Path p) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        TensorIpc.write(b, DataType.FLOAT32, shape, p);
    }

    private static void writeLong(long[] v, long[] shape, Path p) {
        ByteBuffer b = ByteBuffer.allocateDirect(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        TensorIpc.write(b, DataType.INT64, shape, p);
    }

    private static float[] read(Path p) {
        try (RootAllocator a = new RootAllocator();
                MappedTensor t = TensorIpc.map(p, a);
                NDManager m = NDManager.newBaseManager()) {
            return t.toNDArray(m).toFloatArray();
        }
    }

    @Test
    void weightsInForwardAndWeightsOutThroughTensorFiles(@TempDir Path dir) {
        try (BridgeModel model = ep.buildModel(SPEC)) {
            String params = model.parametersJson();
            assertTrue(params.contains("\"name\":\"0.01linear_weight\""), params);
            assertTrue(params.contains("\"name\":\"3.01linear1_weight\""), params);
            Map<String, String> files = new LinkedHashMap<>();
            float[] w0 = {1, 0, 0, 1, 1, 1}; // [3, 2]: x0, x1, x0 + x1
            write(w0, new long[] {3, 2}, dir.resolve("w0"));
            files.put("0.01linear_weight", dir.resolve("w0").toString());
            write(new float[] {1, 2, 3}, new long[] {1, 3}, dir.resolve("w3"));
            files.put("3.01linear1_weight", dir.resolve("w3").toString());
            write(new float[] {0.5f}, new long[] {1}, dir.resolve("b3"));
            files.put("3.01linear1_bias", dir.resolve("b3").toString());
            model.loadParameters(files);

            // Two graphs of one isolated node each: GCN with self loops gives x itself.
            write(new float[] {1, 2, 3, -4}, new long[] {2, 2}, dir.resolve("x"));
            writeLong(new long[] {}, new long[] {2, 0}, dir.resolve("ei"));
            writeLong(new long[] {0, 1}, new long[] {2}, dir.resolve("batch"));
            model.forwardToFile(
                    dir.resolve("x").toString(),
                    dir.resolve("ei").toString(),
                    dir.resolve("batch").toString(),
                    2,
                    dir.resolve("out").toString());
            // relu([1, 2, 3]) · [1, 2, 3] + 0.5 = 14.5; relu([3, -4, -1]) = [3, 0, 0] → 3.5
            assertArrayEquals(new float[] {14.5f, 3.5f}, read(dir.resolve("out")), 1e-6f);

            Map<String, String> out = Map.of("0.01linear_weight", dir.resolve("w0out").toString());
            model.writeParameters(out);
            assertArrayEquals(w0, read(dir.resolve("w0out")), 0f);
        }
    }

    @Test
    void refusesWhatItCannotBuild() {
        assertRefused("[{\"type\":\"GraphConv\",\"in\":2,\"out\":3}]", "unknown layer type");
        assertRefused("[{\"type\":\"GCNConv\",\"in\":2,\"out\":3,\"cached\":true}]", "'cached'");
        assertRefused(
                "[{\"type\":\"pool\",\"reduce\":\"add\"},{\"type\":\"GCNConv\",\"in\":2,"
                        + "\"out\":3}]",
                "follows a global pool");
        assertRefused("{}", "non-empty JSON array");
    }

    @Test
    void refusesMissingOrMisshapenWeights(@TempDir Path dir) {
        try (BridgeModel model = ep.buildModel("[{\"type\":\"MLP\",\"channels\":[2,2]}]")) {
            write(new float[] {1, 2}, new long[] {2}, dir.resolve("w"));
            var e =
                    assertThrows(
                            InvalidArgumentException.class,
                            () ->
                                    model.loadParameters(
                                            Map.of(
                                                    "0.01linear1_weight",
                                                    dir.resolve("w").toString())));
            assertTrue(e.getMessage().contains("missing [0.01linear1_bias]"), e.getMessage());
        }
    }

    private void assertRefused(String spec, String expected) {
        var e = assertThrows(InvalidArgumentException.class, () -> ep.buildModel(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
