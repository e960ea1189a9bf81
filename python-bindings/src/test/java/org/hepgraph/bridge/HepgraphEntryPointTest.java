package org.hepgraph.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.GraphSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HepgraphEntryPointTest {

    private final HepgraphEntryPoint ep = new HepgraphEntryPoint();

    @Test
    void connectionFileIsOwnerOnlyJson(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("connection.json");
        ConnectionFile.write(f, 4321, "abc");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String json = Files.readString(f);
        assertTrue(json.contains("\"port\":4321") && json.contains("\"token\":\"abc\""), json);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void registryAsJson() {
        String json = ep.detectorsJson();
        assertTrue(json.contains("\"kind\":\"ocgin\"") && json.contains("\"key\":\"epochs\""));
    }

    @Test
    void graphsFromBytesAreCheckedAsJavaCallersAre() {
        GraphSet ok = twoGraphs(1);
        assertEquals(2, ok.size());
        InvalidGraphException e = assertThrows(InvalidGraphException.class, () -> twoGraphs(5));
        assertTrue(
                e.getMessage().contains("holds node 5 but the graph has 3 nodes"), e.getMessage());
        String described = ep.describeError(e);
        assertTrue(described.contains("\"code\":\"HG-GRAPH\""), described);
        assertTrue(described.contains("InvalidGraphException"), described);
    }

    @Test
    void fitRunsAsAPollableJob() throws Exception {
        GraphSet graphs = twoGraphs(1);
        try (DetectorHandle d = ep.createDetector("ocgin", Map.of("epochs", "2", "hidden", "4"))) {
            TrainingJob job = d.fitAsync(graphs);
            int known = 0;
            while (!job.isDone()) {
                Map<String, Object> snap = job.poll(known, 1000);
                known += ((java.util.List<?>) snap.get("epochs")).size();
            }
            assertTrue(job.resultJson().contains("\"trainLoss\""));
            assertEquals(2, d.score(graphs).length);
        }
        try (DetectorHandle size = ep.createDetector("size", Map.of())) {
            TrainingJob job = size.fitAsync(graphs);
            while (!job.isDone()) {
                job.poll(0, 1000);
            }
            job.resultJson(); // a detector without a training loop finishes with no epochs
        }
    }

    /** Two graphs of 3 nodes, 2 edges each; {@code far} is the target of graph 1's last edge. */
    private GraphSet twoGraphs(long far) {
        long[] nodePtr = {0, 3, 6};
        long[] edgePtr = {0, 2, 4};
        long[] edges = {0, 1, 0, 1, 1, 2, 2, far};
        float[] x = new float[6 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.1f;
        }
        return ep.graphSetFromBytes(
                2,
                6,
                4,
                2,
                0,
                bytes(nodePtr),
                bytes(edgePtr),
                bytes(x),
                bytes(edges),
                null,
                bytes(new long[] {0, 1}));
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
}
