package org.hepgraph.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.junit.jupiter.api.Test;

/** A model built from a spec trained as an svdd detector's encoder and handed back. */
class EncoderTransferTest {

    private final HepgraphEntryPoint ep = new HepgraphEntryPoint();

    private static final String SPEC =
            "[{\"type\":\"GINConv\",\"in\":2,\"nn\":{\"type\":\"MLP\",\"channels\":[2,8,8],"
                    + "\"norm\":\"none\"}},{\"type\":\"act\",\"name\":\"relu\"},"
                    + "{\"type\":\"GINConv\",\"in\":8,\"nn\":{\"type\":\"MLP\",\"channels\":[8,8,8],"
                    + "\"norm\":\"none\"}}]";

    private static Map<String, float[]> copy(Map<String, Parameter> ps) {
        Map<String, float[]> out = new LinkedHashMap<>();
        ps.forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    private GraphSet graphs() {
        long[] nodePtr = {0, 3, 6, 9};
        long[] edgePtr = {0, 2, 4, 6};
        long[] edges = {0, 1, 0, 1, 0, 1, 1, 2, 1, 2, 1, 2};
        float[] x = new float[9 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        return ep.graphSetFromBytes(
                3,
                9,
                6,
                2,
                0,
                bytes(nodePtr),
                bytes(edgePtr),
                bytes(x),
                bytes(edges),
                null,
                bytes(new long[] {0, 0, 0}));
    }

    private static byte[] bytes(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return b.array();
    }

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    @Test
    void startsFromTheModelTrainsAndWritesTheTrainedWeightsBack() throws Exception {
        try (BridgeModel model = ep.buildModel(SPEC);
                DetectorHandle d =
                        ep.createDetector(
                                "svdd",
                                Map.of(
                                        "encoder", SPEC,
                                        "epochs", "3",
                                        "validationFraction", "0",
                                        "batchSize", "2"))) {
            Map<String, float[]> start = copy(model.parameters());
            d.startEncoderFrom(model);
            TrainingJob job = d.fitAsync(graphs());
            while (!job.isDone()) {
                job.poll(0, 1000);
            }
            job.resultJson();
            d.writeEncoderTo(model);
            Map<String, float[]> after = copy(model.parameters());
            boolean changed = false;
            for (String k : start.keySet()) {
                changed |= !java.util.Arrays.equals(start.get(k), after.get(k));
            }
            assertTrue(changed, "no weight changed");
            Map<String, float[]> trained =
                    copy(
                            ((org.hepgraph.detectors.svdd.SvddDetector) d.detector())
                                    .encoderParameters());
            for (String k : trained.keySet()) {
                assertArrayEquals(trained.get(k), after.get(k), k);
            }
        }
    }

    @Test
    void otherKindsRefuseAnEncoderNamingSvdd() {
        try (BridgeModel model = ep.buildModel(SPEC);
                DetectorHandle d = ep.createDetector("ocgin", Map.of())) {
            var e = assertThrows(InvalidArgumentException.class, () -> d.startEncoderFrom(model));
            assertTrue(e.getMessage().contains("'svdd'"), e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }
}
