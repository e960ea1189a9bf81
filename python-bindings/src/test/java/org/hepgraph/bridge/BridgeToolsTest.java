package org.hepgraph.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.io.JetGraphs;
import org.hepgraph.io.exchange.TensorIpc;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.transforms.JetNodeFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces Python's hg.transforms and hg.metrics call: same results as the Java callers. */
class BridgeToolsTest {

    private final HepgraphEntryPoint ep = new HepgraphEntryPoint();

    @Test
    void knnOverTensorFilesEqualsWhatTheCommandLineBuilds(@TempDir Path dir) {
        PaddedParticles jets = ToyJets.builder().optSeed(3).build().background(40);
        Path v = dir.resolve("v.arrow");
        Path c = dir.resolve("c.arrow");
        Path l = dir.resolve("l.arrow");
        TensorIpc.write(
                floats(jets.values()),
                DataType.FLOAT32,
                new long[] {jets.numJets(), jets.maxParticles(), jets.numFeatures()},
                v);
        TensorIpc.write(ints(jets.counts()), DataType.INT32, new long[] {jets.numJets()}, c);
        TensorIpc.write(ints(jets.labels()), DataType.INT32, new long[] {jets.numJets()}, l);
        for (JetNodeFeatures f : JetNodeFeatures.values()) {
            GraphSet expected = JetGraphs.build("toy:", jets, 8, f);
            GraphSet actual =
                    ep.jetGraphs()
                            .build(
                                    "knn",
                                    8,
                                    v.toString(),
                                    c.toString(),
                                    l.toString(),
                                    f.name().toLowerCase(java.util.Locale.ROOT),
                                    false,
                                    0);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), "jet " + i + ", " + f);
            }
        }
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () ->
                                ep.jetGraphs()
                                        .build(
                                                "knn",
                                                0,
                                                v.toString(),
                                                c.toString(),
                                                l.toString(),
                                                "raw",
                                                false,
                                                0));
        assertTrue(e.getMessage().contains("k = 0"), e.getMessage());
    }

    @Test
    void rocOverTensorFilesEqualsRocCurve(@TempDir Path dir) {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.8, 0.2, 0.9, 0.05};
        int[] labels = {0, 0, 1, 1, 0, 0, 1, 0};
        Path s = dir.resolve("s.arrow");
        Path l = dir.resolve("l.arrow");
        ByteBuffer sb = ByteBuffer.allocateDirect(scores.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : scores) {
            sb.putDouble(d);
        }
        TensorIpc.write(sb.flip(), DataType.FLOAT64, new long[] {scores.length}, s);
        TensorIpc.write(ints(labels), DataType.INT32, new long[] {labels.length}, l);
        RocCurve got = ep.metrics().roc(s.toString(), l.toString());
        RocCurve want = RocCurve.of(scores, labels);
        assertEquals(want.auc(), got.auc(), 0.0);
        assertEquals(want.tprAtFpr(0.25), got.tprAtFpr(0.25), 0.0);
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> ep.metrics().roc(l.toString(), l.toString()));
        assertTrue(
                e.getMessage().contains("scores holds int32 values; it must be float64"),
                e.getMessage());
    }

    private static ByteBuffer floats(float[] a) {
        ByteBuffer b = ByteBuffer.allocateDirect(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        return b;
    }

    private static ByteBuffer ints(int[] a) {
        ByteBuffer b = ByteBuffer.allocateDirect(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        return b;
    }
}
