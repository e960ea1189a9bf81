package org.hepgraph.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.DatasetHash;
import org.hepgraph.data.Graph;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.train.Detector;
import org.hepgraph.train.Trainer;
import org.junit.jupiter.api.Test;

class ModelIOTest {

    private static final List<Graph> GRAPHS = TestGraphs.rings(5, 40, 3, 0f, 0);

    private static byte[] saved(String kind) throws IOException {
        try (Detector d = Detector.create(ModelConfig.defaults(kind, 3, 1), Device.cpu())) {
            Trainer.builder().optEpochs(2).build().fit(d, GRAPHS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelIO.save(d, Map.of("dataset", DatasetHash.of(GRAPHS)), out);
            return out.toByteArray();
        }
    }

    @Test
    void roundTripScoresIdentically() throws IOException {
        for (String kind : List.of(OCGIN.KIND, GraphAutoencoder.KIND)) {
            float[] before;
            byte[] bytes;
            try (Detector d = Detector.create(ModelConfig.defaults(kind, 3, 1), Device.cpu())) {
                Trainer.builder().optEpochs(2).build().fit(d, GRAPHS);
                before = d.score(GRAPHS, 16);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ModelIO.save(d, Map.of("dataset", DatasetHash.of(GRAPHS)), out);
                bytes = out.toByteArray();
            }
            try (Detector back =
                    ModelIO.load(new ByteArrayInputStream(bytes), Device.cpu(), "memory")) {
                assertArrayEquals(before, back.score(GRAPHS, 16), kind);
                assertEquals(kind, back.config().kind());
            }
            Map<String, String> meta =
                    ModelIO.readMetadata(new ByteArrayInputStream(bytes), "memory");
            assertEquals(DatasetHash.of(GRAPHS), meta.get("provenance.dataset"));
            assertTrue(meta.get("provenance.engine").startsWith("PyTorch 2.7.1"), meta.toString());
        }
    }

    @Test
    void versionOneArtifactStillLoads() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/models/ocgin-format-v1.hgmodel");
                Detector d = ModelIO.load(in, Device.cpu(), "ocgin-format-v1.hgmodel")) {
            assertEquals(OCGIN.KIND, d.config().kind());
            float[] scores = d.score(GRAPHS, 16);
            assertTrue(Float.isFinite(scores[0]) && scores[0] >= 0);
        }
    }

    @Test
    void unknownVersionTruncationAndForeignFilesAreRefused() throws IOException {
        byte[] good = saved(OCGIN.KIND);
        byte[] future = good.clone();
        ByteBuffer.wrap(future).putInt(8, 2);
        var e1 = assertThrows(ModelFormatException.class, () -> load(future));
        assertTrue(e1.getMessage().contains("version 2"), e1.getMessage());
        var e2 =
                assertThrows(
                        ModelFormatException.class,
                        () -> load(Arrays.copyOf(good, good.length / 2)));
        assertTrue(e2.getMessage().contains("m.hgmodel"), e2.getMessage());
        var e3 =
                assertThrows(
                        ModelFormatException.class,
                        () -> load("PK\u0003\u0004 a zip archive, not a model".getBytes()));
        assertTrue(e3.getMessage().contains("not a hepgraph model"), e3.getMessage());
    }

    private static void load(byte[] bytes) throws IOException {
        ModelIO.load(new ByteArrayInputStream(bytes), Device.cpu(), "m.hgmodel").close();
    }

    /** Writes the format artifact kept in test resources (run by hand when the format changes). */
    public static void main(String[] args) throws IOException {
        java.nio.file.Files.write(java.nio.file.Path.of(args[0]), saved(OCGIN.KIND));
    }
}
