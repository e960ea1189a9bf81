package org.hepgraph.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;
import org.junit.jupiter.api.Test;

class ScoreTableTest {

    @Test
    void oneLinePerScoredRowWithRowIdIdColumnsLabelAndScore() {
        Dataset ds = SplitData.of(new int[] {0, 1, 0}, 3);
        Fold f = TrainTestSplit.of(ds, null, null);
        StringBuilder sb = new StringBuilder();
        ScoreTable.write(sb, ds, f, new float[] {0.5f, 2f, -1f});
        assertEquals(
                "row,event,label,score\n100,0,0,0.5\n101,7,1,2.0\n102,14,0,-1.0\n", sb.toString());
    }

    @Test
    void unlabelledDataHaveNoLabelColumn() {
        Dataset ds = SplitData.of(null, 2);
        StringBuilder sb = new StringBuilder();
        ScoreTable.write(sb, ds, TrainTestSplit.of(ds, null, null), new float[] {1f, 3f});
        assertEquals("row,event,score\n100,0,1.0\n101,7,3.0\n", sb.toString());
        assertThrows(
                InvalidArgumentException.class,
                () -> ScoreTable.write(sb, ds, TrainTestSplit.of(ds, null, null), new float[1]));
    }
}
