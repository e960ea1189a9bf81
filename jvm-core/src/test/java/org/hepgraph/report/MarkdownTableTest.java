package org.hepgraph.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.metrics.RocFixtures;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        MarkdownTable t =
                new MarkdownTable(
                        List.of("model", "AUC"),
                        List.of(List.of("graph AE", "0.82"), List.of("CNN|AE", "0.770")));
        String expected =
                """
                | model    |   AUC |
                | -------- | ----: |
                | graph AE |  0.82 |
                | CNN\\|AE  | 0.770 |
                """;
        assertEquals(expected, t.render());
        assertEquals(expected, t.toString());
    }

    @Test
    void rocSummaryHasOneRowPerCurveInOrder() {
        // 10 negatives 0..9, 5 positives 9.5, 7.5, 5.5, 3.5, 1.5: at FPR <= 1e-2 no background
        // passes, so the cut keeps only 9.5 (TPR 0.2).
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        curves.put("b-model", RocFixtures.ladder(10, 5, 9.5, 2));
        curves.put("a", RocCurve.of(new double[] {0, 1}, new int[] {0, 1}));
        String expected =
                """
                | model   |    AUC | TPR@FPR=1e-2 | TPR@FPR=1e-3 | bkg@FPR=1e-3 |
                | ------- | -----: | -----------: | -----------: | -----------: |
                | b-model | 0.6000 |       0.200* |       0.200* |            0 |
                | a       | 1.0000 |       1.000* |       1.000* |            0 |

                * rests on fewer than 10 background events passing the cut: statistically unreliable
                """;
        assertEquals(expected, MarkdownTable.rocSummary(curves).render());
    }

    @Test
    void workingPointsOnTenOrMoreBackgroundEventsAreNotFlagged() {
        // 2000 negatives 0..1999, positives 1995.5, 1985.5, ..., 1905.5: at FPR 1e-2 the cut
        // (score >= 1980) passes 20 background events and 2 positives (not flagged), at 1e-3
        // (score >= 1998) 2 background events and no positive (flagged).
        RocCurve roc = RocFixtures.ladder(2000, 10, 1995.5, 10);
        assertEquals(20, roc.negativesAtFpr(1e-2));
        assertEquals(2, roc.negativesAtFpr(1e-3));
        assertEquals("0.200", MarkdownTable.workingPoint(roc, 1e-2));
        assertEquals("0.000*", MarkdownTable.workingPoint(roc, 1e-3));
        String table = MarkdownTable.rocSummary(Map.of("m", roc)).render();
        assertTrue(table.endsWith(MarkdownTable.LOW_STATISTICS_NOTE + "\n"), table);
    }

    @Test
    void rowWidthMustMatchHeader() {
        String m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> new MarkdownTable(List.of("a", "b"), List.of(List.of("1"))))
                        .getMessage();
        assertTrue(m.contains("row 0 has 1 cells but the header has 2"), m);
        assertThrows(InvalidArgumentException.class, () -> new MarkdownTable(List.of(), List.of()));
        assertThrows(InvalidArgumentException.class, () -> MarkdownTable.rocSummary(Map.of()));
    }
}
