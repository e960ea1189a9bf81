package org.hepgraph.cli;

import static org.hepgraph.cli.CliRun.score;
import static org.hepgraph.cli.CliRun.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hepgraph.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dataset images:FILE} and {@code jetimages:URI} through the command line: the imageae
 * kind trains and scores every row; each bad image file ends with exit code 2 and a message naming
 * the file, the dataset and the fix.
 */
class ImagesCliTest {

    @TempDir Path dir;

    /** The ML4SCI layout: X [n, 8, 8, 2] float32, y [n] float32 (0.0 / 1.0). */
    private Path calo(String name, int n) {
        Random rnd = new Random(1);
        float[][][][] x = new float[n][8][8][2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4 == 0 ? 1 : 0;
            for (float[][] row : x[i]) {
                for (float[] px : row) {
                    px[0] = rnd.nextFloat() * (1 + y[i]);
                    px[1] = rnd.nextFloat();
                }
            }
        }
        return write(name, Map.of("X", x, "y", y));
    }

    private Path write(String name, Map<String, Object> datasets) {
        Path f = dir.resolve(name);
        try (WritableHdfFile out = HdfFile.write(f)) {
            datasets.forEach(out::putDataset);
        }
        return f;
    }

    @Test
    void imageaeTrainsAndScoresEveryRowOfAnImageFile() throws IOException {
        Path f = calo("photons.h5", 40);
        Path model = dir.resolve("ae.hgmodel");
        Result t = train("images:" + f, model, "--model", "imageae", "--set", "channels=2");
        assertEquals(0, t.code(), t.output());
        Path csv = dir.resolve("scores.csv");
        Result s = score("images:" + f, model, csv);
        assertEquals(0, s.code(), s.output());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(41, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("row,"), lines.get(0));
        assertTrue(lines.get(40).startsWith("39,"), lines.get(40));
        // 16x16 images are refused by a model trained on 8x8x2 ones
        Path other = write("small.h5", Map.of("X", new float[][][] {{{1, 2}, {3, 4}}}));
        Result wrong = score("images:" + other, model, dir.resolve("x.csv"));
        assertEquals(2, wrong.code(), wrong.output());
        assertTrue(wrong.output().contains("image:8x8x2"), wrong.output());
    }

    @Test
    void jetImagesOfTheToyTrainAndScore() {
        Path model = dir.resolve("jets.hgmodel");
        Result t = train("jetimages:toy:jets=40?pixels=16", model, "--model", "imageae");
        assertEquals(0, t.code(), t.output());
        Result s = score("jetimages:toy:jets=40?pixels=16", model, dir.resolve("s.csv"));
        assertEquals(0, s.code(), s.output());
        assertTrue(s.output().contains("AUC"), s.output());
    }

    private static void assertRefused(Result r, String... needles) {
        assertEquals(2, r.code(), r.output());
        assertFalse(r.output().contains("\tat "), "no stack trace: " + r.output());
        for (String n : needles) {
            assertTrue(r.output().contains(n), "'" + n + "' in: " + r.output());
        }
    }

    private Result trainOn(Path f, String... extra) {
        return train(
                "images:" + f + String.join("", extra),
                dir.resolve("m.hgmodel"),
                "--model",
                "imageae");
    }

    @Test
    void everyBadImageFileExitsWithTwoAndNamesFileDatasetAndFix() throws IOException {
        Path missing = write("nox.h5", Map.of("images", new float[][][] {{{1}}}));
        assertRefused(trainOn(missing), "nox.h5", "'X' is missing", "x=NAME");
        Path rank = write("rank.h5", Map.of("X", new float[] {1, 2, 3}));
        assertRefused(trainOn(rank), "rank.h5", "'X' has rank 1", "[N, H, W, C]");
        Path dtype = write("dtype.h5", Map.of("X", new long[][][] {{{1}}}));
        assertRefused(trainOn(dtype), "dtype.h5", "'X' holds long values", "float32");
        float[][][][] nanX = new float[3][2][2][1];
        nanX[1][0][1][0] = Float.NaN;
        Path nan = write("nan.h5", Map.of("X", nanX));
        assertRefused(trainOn(nan), "nan.h5", "'X' holds NaN at row 1", "fix or drop that row");
        Path good = calo("good.h5", 30);
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(all, all.length / 3));
        assertRefused(trainOn(cut), "cut.h5");
        assertRefused(trainOn(dir.resolve("none.h5")), "none.h5", "does not exist");
        assertRefused(trainOn(good, "?y=labels"), "good.h5", "'labels' is missing");
    }
}
