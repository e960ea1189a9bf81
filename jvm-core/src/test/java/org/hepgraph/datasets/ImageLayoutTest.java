package org.hepgraph.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.TestImages;
import org.junit.jupiter.api.Test;

class ImageLayoutTest {

    @Test
    void nchwReadsPixelsInHwcOrder() {
        ImageLayout l = new ImageLayout(2, 3, 2);
        float[] v = new float[2 * 12];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray nchw = l.toNchw(m.create(v, new Shape(2, 12)));
            assertEquals(new Shape(2, 2, 2, 3), nchw.getShape());
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int h = 0; h < 2; h++) {
                        for (int w = 0; w < 3; w++) {
                            assertEquals(
                                    b * 12 + (h * 3 + w) * 2 + c,
                                    nchw.getFloat(b, c, h, w),
                                    "b" + b + " c" + c + " h" + h + " w" + w);
                        }
                    }
                }
            }
        }
    }

    @Test
    void imagesAreOneNodeGraphsWithARecipeThatNamesTheShape() {
        GraphSet set =
                TestImages.set(
                        new float[] {1, 2, 3, 4, 5, 6, 7, 8},
                        2,
                        new ImageLayout(2, 2, 1),
                        new int[] {0, 1});
        assertEquals(2, set.size());
        assertEquals(1, set.get(1).numNodes());
        assertEquals(0, set.get(1).numEdges());
        assertEquals(1, set.get(1).y());
        assertEquals(8f, set.get(1).x()[3]);
        GraphRecipe r = new ImageLayout(2, 2, 1).recipe("images", "images:a.h5");
        assertEquals(List.of("px_0_0", "px_0_1", "px_1_0", "px_1_1"), r.featureNames());
        assertEquals("image:2x2x1", r.nodeFeatures());
        assertEquals(0, r.k());
        assertEquals(new ImageLayout(2, 2, 1), ImageLayout.of(r));
        assertNull(ImageLayout.of(new GraphRecipe("h5", "h5:x", 16, "relative", List.of("a"))));
        assertThrows(InvalidArgumentException.class, () -> new ImageLayout(0, 2, 1));
    }
}
