package org.hepgraph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;

/**
 * The check every streaming source passes: reading a {@link ChunkedDataset} range after range, as
 * {@code score} does, gives the whole-set read's graphs, row ids, labels and id columns, in order.
 */
public final class ChunksMatchWhole {

    private ChunksMatchWhole() {}

    /**
     * Reads {@code chunked} in ranges of {@code rows} and compares every graph and every per-row
     * column with {@code whole}.
     */
    public static void check(Dataset whole, ChunkedDataset chunked, int rows) {
        String at = "chunks of " + rows + ": ";
        assertEquals(whole.uri(), chunked.uri(), at + "uri");
        assertEquals(whole.recipe(), chunked.recipe(), at + "recipe");
        long n = chunked.rowCount();
        int g = 0;
        int chunks = 0;
        for (long from = 0; from < n; from += rows) {
            Dataset d = chunked.read(from, Math.min(n, from + rows));
            chunks++;
            assertEquals(whole.recipe(), d.recipe(), at + "chunk recipe");
            assertEquals(whole.labelled(), d.labelled(), at + "labelled");
            assertEquals(whole.idColumns().keySet(), d.idColumns().keySet(), at + "id columns");
            int size = d.size();
            assertTrue(g + size <= whole.size(), at + "more graphs than the whole set");
            assertArrayEquals(
                    Arrays.copyOfRange(whole.rowIds(), g, g + size), d.rowIds(), at + "row ids");
            if (whole.labelled()) {
                assertArrayEquals(
                        Arrays.copyOfRange(whole.labels(), g, g + size), d.labels(), at + "labels");
            }
            for (Map.Entry<String, long[]> e : whole.idColumns().entrySet()) {
                assertArrayEquals(
                        Arrays.copyOfRange(e.getValue(), g, g + size),
                        d.idColumns().get(e.getKey()),
                        at + "id column " + e.getKey());
            }
            for (int i = 0; i < size; i++) {
                assertEquals(whole.graphs().get(g + i), d.graphs().get(i), at + "graph " + (g + i));
            }
            g += size;
        }
        assertEquals(whole.size(), g, at + "graphs in all");
        assertEquals((n + rows - 1) / rows, chunks, at + "chunks read");
    }
}
