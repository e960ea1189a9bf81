package org.hepgraph.transforms.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.hepgraph.data.Graph;
import org.hepgraph.data.TestGraphs;
import org.hepgraph.train.BatchSource;
import org.hepgraph.train.BatchSource.Views;
import org.junit.jupiter.api.Test;

class GraphAugmentationTest {

    /** The shape the training loop's two-view source expects: {@code twoViews(aug::apply)}. */
    @Test
    void makesTheTwoViewsOfTheTrainingLoopRepeatably() {
        List<Graph> graphs = TestGraphs.rings(3, 6, 2, 0f, 1);
        GraphAugmentation aug =
                GraphAugmentation.compose(
                        new NodeDrop(0.3), EdgePerturbation.of(0.2), new FeatureMask(0.2));
        BatchSource<Views> source = BatchSource.twoViews(aug::apply);
        try (NDManager m = NDManager.newBaseManager()) {
            Views a = source.batch(m, graphs, new Random(5));
            Views b = source.batch(m, graphs, new Random(5));
            assertEquals(graphs.size(), a.first().numGraphs());
            assertEquals(graphs.size(), a.second().numGraphs());
            assertArrayEquals(a.first().x().toFloatArray(), b.first().x().toFloatArray());
            assertArrayEquals(
                    a.second().edgeIndex().toLongArray(), b.second().edgeIndex().toLongArray());
            // The two views of one graph are drawn independently, so they differ.
            assertNotEquals(a.first().get(0), a.second().get(0));
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, a.second().y().toLongArray());
        }
    }
}
