package org.hepgraph.io.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.ChunksMatchWhole;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphs:DIR} read in chunks out of the mapped file gives what the whole read gives. */
class GraphsChunksTest {

    @TempDir Path dir;

    private void folder(boolean labelled) throws IOException {
        List<Graph> events = new ArrayList<>();
        StringBuilder rows = new StringBuilder("row,run,event\n");
        for (int i = 0; i < 23; i++) {
            events.add(GraphsSourceTest.event(1 + i % 4, i, labelled ? i % 2 : -1));
            rows.append(100 + i).append(",7,").append(5000 + 3 * i).append('\n');
        }
        GraphSetIpc.write(GraphSet.copyOf(events), dir.resolve(GraphsSource.GRAPHS));
        Files.writeString(dir.resolve(GraphsSource.ROWS), rows);
        Files.writeString(
                dir.resolve(GraphsSource.RECIPE), "features=pt,eta\nnode_features=saved\n");
    }

    private void matches() {
        String uri = "graphs:" + dir;
        Dataset whole = DatasetSources.open(uri, Map.of());
        for (int rows : new int[] {1, 4, 7, 23, 60}) {
            try (ChunkedDataset c = DatasetSources.openChunked(uri, Map.of())) {
                assertInstanceOf(GraphsChunks.class, c);
                ChunksMatchWhole.check(whole, c, rows);
            }
        }
    }

    @Test
    void unlabelledGraphsInChunksEqualTheWholeSet() throws IOException {
        folder(false);
        matches();
        try (ChunkedDataset c = DatasetSources.openChunked("graphs:" + dir, Map.of())) {
            Dataset d = c.read(20, 23);
            assertArrayEquals(new long[] {120, 121, 122}, d.rowIds());
            assertArrayEquals(new long[] {5060, 5063, 5066}, d.idColumns().get("event"));
            assertEquals(null, d.labels());
            assertEquals(210f, d.graphs().get(1).graphAttr()[0]);
        }
    }

    @Test
    void labelledGraphsInChunksEqualTheWholeSet() throws IOException {
        folder(true);
        matches();
        try (ChunkedDataset c = DatasetSources.openChunked("graphs:" + dir, Map.of())) {
            assertArrayEquals(new int[] {1, 0, 1}, c.read(3, 6).labels());
        }
    }
}
