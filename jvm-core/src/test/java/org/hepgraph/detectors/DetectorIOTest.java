package org.hepgraph.detectors;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.DatasetHash;
import org.hepgraph.data.Graph;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.data.TestImages;
import org.junit.jupiter.api.Test;

class DetectorIOTest {

    private static final List<Graph> GRAPHS = TestGraphs.rings(5, 40, 3, 0f, 0);

    /** 12 random 8 × 8 images as one-node graphs, for the image kinds. */
    private static final List<Graph> IMAGES = TestImages.random(12, 8, 1);

    private static List<Graph> data(DetectorFactory f) {
        return f.input() == DetectorFactory.Input.IMAGES ? IMAGES : GRAPHS;
    }

    /** Two epochs where the kind trains at all. */
    private static Map<String, String> quick(DetectorFactory f) {
        Map<String, String> s = new HashMap<>();
        if (f.options().stream().anyMatch(o -> o.key().equals("epochs"))) {
            s.put("epochs", "2");
        }
        if (f.options().stream().anyMatch(o -> o.key().equals("seed"))) {
            s.put("seed", "1");
        }
        return s;
    }

    private static byte[] saved(String kind) throws IOException {
        DetectorFactory f = Detectors.factory(kind);
        try (AnomalyDetector d = Detectors.create(kind, quick(f), Device.cpu())) {
            d.fit(GRAPHS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DetectorIO.save(d, Map.of("dataset.sha256", DatasetHash.of(GRAPHS)), out);
            return out.toByteArray();
        }
    }

    @Test
    void everyKindRoundTripsWithIdenticalScores() throws IOException {
        for (DetectorFactory f : Detectors.all()) {
            List<Graph> graphs = data(f);
            float[] before;
            byte[] bytes;
            try (AnomalyDetector d = Detectors.create(f.kind(), quick(f), Device.cpu())) {
                d.fit(graphs);
                before = d.score(graphs);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                DetectorIO.save(d, Map.of("dataset.sha256", DatasetHash.of(graphs)), out);
                bytes = out.toByteArray();
            }
            try (AnomalyDetector back =
                    DetectorIO.load(new ByteArrayInputStream(bytes), Device.cpu(), "memory")) {
                assertArrayEquals(before, back.score(graphs), f.kind());
                assertEquals(f.kind(), back.kind());
                assertEquals(f.config(quick(f)), back.config(), f.kind());
            }
            Map<String, String> meta =
                    DetectorIO.readMetadata(new ByteArrayInputStream(bytes), "memory");
            assertEquals(DatasetHash.of(graphs), meta.get("dataset.sha256"));
            assertEquals(f.kind(), meta.get("config.kind"));
            assertTrue(meta.get("provenance.engine").startsWith("PyTorch 2.7.1"), meta.toString());
        }
    }

    @Test
    void versionOneArtifactStillLoads() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/models/ocgin-format-v1.hgmodel");
                AnomalyDetector d = DetectorIO.load(in, Device.cpu(), "ocgin-format-v1.hgmodel")) {
            assertEquals("ocgin", d.kind());
            assertEquals("sum", d.config().toMap().get("aggregation"));
            float[] scores = d.score(GRAPHS);
            assertTrue(Float.isFinite(scores[0]) && scores[0] >= 0);
        }
    }

    @Test
    void versionTwoArtifactLoads() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/models/ocgin-format-v2.hgmodel");
                AnomalyDetector d = DetectorIO.load(in, Device.cpu(), "ocgin-format-v2.hgmodel")) {
            assertEquals("ocgin", d.kind());
            assertEquals("2", d.config().toMap().get("epochs"));
            float[] scores = d.score(GRAPHS);
            assertTrue(Float.isFinite(scores[0]) && scores[0] >= 0);
        }
    }

    @Test
    void unknownVersionTruncationAndForeignFilesAreRefused() throws IOException {
        byte[] good = saved("ocgin");
        byte[] future = good.clone();
        ByteBuffer.wrap(future).putInt(8, 3);
        var e1 = assertThrows(ModelFormatException.class, () -> load(future));
        assertTrue(e1.getMessage().contains("version 3"), e1.getMessage());
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

    @Test
    void reservedMetadataKeysAreRefused() {
        try (AnomalyDetector d = Detectors.create("size", Map.of(), Device.cpu())) {
            d.fit(GRAPHS);
            var e =
                    assertThrows(
                            InvalidArgumentException.class,
                            () ->
                                    DetectorIO.save(
                                            d,
                                            Map.of("config.kind", "gae"),
                                            new ByteArrayOutputStream()));
            assertTrue(e.getMessage().contains("config.kind"), e.getMessage());
        }
    }

    private static void load(byte[] bytes) throws IOException {
        DetectorIO.load(new ByteArrayInputStream(bytes), Device.cpu(), "m.hgmodel").close();
    }

    /** Writes the format artifact kept in test resources (run by hand when the format changes). */
    public static void main(String[] args) throws IOException {
        java.nio.file.Files.write(java.nio.file.Path.of(args[0]), saved("ocgin"));
    }
}
