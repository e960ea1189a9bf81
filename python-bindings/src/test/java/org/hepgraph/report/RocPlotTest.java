package org.hepgraph.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.metrics.RocCurve;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocPlotTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Gaussian scores, signal shifted by {@code shift} standard deviations. */
    static RocCurve gaussian(long seed, double shift, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            s[i] = rng.nextGaussian() + shift * y[i];
        }
        return RocCurve.of(s, y);
    }

    static Map<String, RocCurve> twoCurves() {
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        curves.put("graph AE", gaussian(1, 1.5, 40000));
        curves.put("CNN AE", gaussian(2, 0.8, 40000));
        return curves;
    }

    @Test
    void writesANonBlankPng(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("roc.png");
        RocPlot.write(png, "Toy jets: ROC", twoCurves());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(RocPlot.WIDTH, image.getWidth());
        assertEquals(RocPlot.HEIGHT, image.getHeight());
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colors.size() > 10, colors.size() + " distinct colours");
        assertTrue(colors.contains(0x1f77b4), "first curve in the first palette colour");
        assertTrue(colors.contains(0xff7f0e), "second curve in the second palette colour");
    }

    @Test
    void customSize(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("small.png");
        RocPlot.write(png, "small", twoCurves(), 400, 300);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
    }

    @Test
    void missingDirectoryNamesThePath(@TempDir Path dir) {
        Path png = dir.resolve("no/such/dir/roc.png");
        IOException e = assertThrows(IOException.class, () -> RocPlot.write(png, "t", twoCurves()));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void unwritableTargetNamesThePath(@TempDir Path dir) throws IOException {
        Path png = Files.createDirectory(dir.resolve("a-directory.png"));
        IOException e = assertThrows(IOException.class, () -> RocPlot.write(png, "t", twoCurves()));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }

    @Test
    void badArgumentsAreExplained(@TempDir Path dir) {
        Path png = dir.resolve("roc.png");
        String m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> RocPlot.write(png, "t", new LinkedHashMap<>()))
                        .getMessage();
        assertTrue(m.contains("no curves"), m);
        m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> RocPlot.write(png, "t", twoCurves(), 50, 50))
                        .getMessage();
        assertTrue(m.contains("50x50"), m);
        assertThrows(InvalidArgumentException.class, () -> RocPlot.write(null, "t", twoCurves()));
    }
}
