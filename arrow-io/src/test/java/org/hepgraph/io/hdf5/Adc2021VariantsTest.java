package org.hepgraph.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN in ADC2021 padding slots is never read; NaN in a real object or a class id is refused. */
class Adc2021VariantsTest {

    @TempDir Path dir;

    @Test
    void nanInPaddingIsAcceptedInARealObjectItIsNot() {
        float[][][] x = LayoutFiles.adcEvents(8, 3);
        Dataset ref =
                DatasetSources.open(
                        "adc2021:" + LayoutFiles.adc(dir.resolve("ref.h5"), x), Map.of());
        float[][][] pad = LayoutFiles.adcEvents(8, 3);
        for (float[][] event : pad) {
            for (float[] object : event) {
                if (object[3] == 0f) {
                    object[0] = Float.NaN;
                    object[1] = Float.NaN;
                    object[2] = Float.POSITIVE_INFINITY;
                }
            }
        }
        Dataset d =
                DatasetSources.open(
                        "adc2021:" + LayoutFiles.adc(dir.resolve("pad.h5"), pad), Map.of());
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(ref.graphs().get(i).x(), d.graphs().get(i).x());
        }
        float[][][] real = LayoutFiles.adcEvents(8, 3);
        real[5][0][2] = Float.NaN; // MET phi: MET is always present
        Path r = LayoutFiles.adc(dir.resolve("real.h5"), real);
        DataFormatException e =
                assertThrows(
                        DataFormatException.class,
                        () -> DatasetSources.open("adc2021:" + r, Map.of()));
        assertTrue(e.getMessage().contains("row 5, object 0, column 'Phi' is NaN"), e.getMessage());
        float[][][] cls = LayoutFiles.adcEvents(8, 3);
        cls[2][18][3] = Float.NaN;
        Path c = LayoutFiles.adc(dir.resolve("cls.h5"), cls);
        DataFormatException ec =
                assertThrows(
                        DataFormatException.class,
                        () -> DatasetSources.open("adc2021:" + c, Map.of()));
        assertTrue(ec.getMessage().contains("row 2, object 18"), ec.getMessage());
    }
}
