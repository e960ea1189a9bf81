package org.hepgraph.io.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphs:DIR}, the folder Python's {@code EventGraphSet.save} writes. */
class GraphsSourceTest {

    @TempDir Path dir;

    static Graph event(int n, float v, int label) {
        float[] x = new float[n * 2];
        java.util.Arrays.fill(x, v);
        long[] src = new long[n * (n - 1)];
        long[] dst = new long[n * (n - 1)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    src[k] = j;
                    dst[k++] = i;
                }
            }
        }
        long[] ei = new long[2 * k];
        System.arraycopy(src, 0, ei, 0, k);
        System.arraycopy(dst, 0, ei, k, k);
        return Graph.builder(n, 2, x).edges(ei).y(label).graphAttr(new float[] {v * 10}).build();
    }

    Path folder(GraphSet set, String rows, String features) throws IOException {
        GraphSetIpc.write(set, dir.resolve(GraphsSource.GRAPHS));
        Files.writeString(dir.resolve(GraphsSource.ROWS), rows);
        Files.writeString(
                dir.resolve(GraphsSource.RECIPE),
                "features=" + features + "\nnode_features=root-particles\nsource=test.root\n");
        return dir;
    }

    @Test
    void readsGraphsRowIdsIdColumnsAndTheRecipe() throws IOException {
        GraphSet set = GraphSet.of(event(2, 1f, -1), event(3, 2f, -1), event(1, 3f, -1));
        folder(set, "row,run,event\n4,1,100\n7,1,101\n9,2,5\n", "pt,eta");
        Dataset ds = DatasetSources.open("graphs:" + dir, Map.of());
        assertEquals(set, ds.graphs());
        assertArrayEquals(new long[] {4, 7, 9}, ds.rowIds());
        assertEquals(List.of("run", "event"), List.copyOf(ds.idColumns().keySet()));
        assertArrayEquals(new long[] {100, 101, 5}, ds.idColumns().get("event"));
        assertNull(ds.labels());
        assertEquals(List.of("pt", "eta"), ds.recipe().featureNames());
        assertEquals("root-particles", ds.recipe().nodeFeatures());
        assertEquals(30f, ds.graphs().get(2).graphAttr()[0]);
    }

    @Test
    void labelsWhenEveryGraphHasOne() throws IOException {
        folder(GraphSet.of(event(2, 1f, 0), event(2, 2f, 1)), "row\n0\n1\n", "a,b");
        assertArrayEquals(
                new int[] {0, 1}, DatasetSources.open("graphs:" + dir, Map.of()).labels());
    }

    @Test
    void badFolders() throws IOException {
        DataFormatException missing =
                assertThrows(
                        DataFormatException.class,
                        () -> DatasetSources.open("graphs:" + dir, Map.of()));
        assertTrue(missing.getMessage().contains("has no graphs.arrow"), missing.getMessage());
        GraphSet set = GraphSet.of(event(2, 1f, -1), event(2, 2f, -1));
        folder(set, "row\n0\n", "a,b");
        DataFormatException rows =
                assertThrows(
                        DataFormatException.class,
                        () -> DatasetSources.open("graphs:" + dir, Map.of()));
        assertTrue(rows.getMessage().contains("1 rows for 2 graphs"), rows.getMessage());
        folder(set, "row\n0\n1\n", "a");
        DataFormatException names =
                assertThrows(
                        DataFormatException.class,
                        () -> DatasetSources.open("graphs:" + dir, Map.of()));
        assertTrue(names.getMessage().contains("names 1 features [a]"), names.getMessage());
        folder(set, "row\n0\nx\n", "a,b");
        DataFormatException id =
                assertThrows(
                        DataFormatException.class,
                        () -> DatasetSources.open("graphs:" + dir, Map.of()));
        assertTrue(id.getMessage().contains("line 3 holds a non-integer id"), id.getMessage());
    }
}
