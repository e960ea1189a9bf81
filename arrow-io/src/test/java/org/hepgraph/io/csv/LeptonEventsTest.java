package org.hepgraph.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.experiments.RowRange;
import org.junit.jupiter.api.Test;

/** Streaming in chunks: any chunk size hands over the same rows, in order. */
class LeptonEventsTest {

    static List<LeptonEvents.Chunk> read(Path f, RowRange rows, int chunkRows) {
        List<LeptonEvents.Chunk> out = new ArrayList<>();
        long n =
                LeptonEvents.read(f, LeptonMapping.layout("fourlepton"), rows, chunkRows, out::add);
        assertEquals(n, out.stream().mapToInt(LeptonEvents.Chunk::rows).sum());
        return out;
    }

    static float[] leptons(List<LeptonEvents.Chunk> chunks) {
        int size = chunks.stream().mapToInt(c -> c.leptons().length).sum();
        float[] all = new float[size];
        int at = 0;
        for (LeptonEvents.Chunk c : chunks) {
            System.arraycopy(c.leptons(), 0, all, at, c.leptons().length);
            at += c.leptons().length;
        }
        return all;
    }

    @Test
    void chunksOfSevenRowsEqualOneChunk() {
        Path f = CmsOpenDataTest.dir().resolve("4mu_2012.csv");
        List<LeptonEvents.Chunk> one = read(f, RowRange.ALL, 8192);
        List<LeptonEvents.Chunk> sevens = read(f, RowRange.ALL, 7);
        assertEquals(1, one.size());
        assertEquals(14, sevens.size()); // 95 rows = 13 × 7 + 4
        assertTrue(sevens.stream().limit(13).allMatch(c -> c.rows() == 7));
        assertArrayEquals(leptons(one), leptons(sevens));
        assertEquals(94L, sevens.getLast().rowIds()[3]);
        assertEquals(one.getFirst().ids()[1][50], sevens.get(7).ids()[1][1]);
    }

    @Test
    void aRowRangeHandsOverOnlyItsRows() {
        Path f = CmsOpenDataTest.dir().resolve("4mu_2012.csv");
        List<LeptonEvents.Chunk> part = read(f, RowRange.parse("10:20"), 4);
        assertEquals(10, part.stream().mapToInt(LeptonEvents.Chunk::rows).sum());
        assertEquals(10L, part.getFirst().rowIds()[0]);
        float[] all = leptons(read(f, RowRange.ALL, 100));
        float[] some = leptons(part);
        int per = 4 * LeptonEvents.WIDTH;
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 10 * per, 20 * per), some);
    }
}
