package org.hepgraph.cli;

import static org.hepgraph.cli.CliRun.run;
import static org.hepgraph.cli.CliRun.score;
import static org.hepgraph.cli.CliRun.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hepgraph.cli.CliRun.Result;
import org.hepgraph.data.ToyJets;
import org.hepgraph.io.hdf5.JetHdf5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} on a streaming source reads, scores and writes in chunks ({@code --chunk-rows}):
 * the table has the same rows, ids and labels as one chunk, and scores equal up to float rounding.
 * (The heap test, a file larger than {@code -Xmx64m}, is in python/tests/test_readers.py.)
 */
class ChunkedScoreTest {

    @Test
    void chunkSizeChangesNothingButMemory(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("jets.h5");
        JetHdf5.write(h5, ToyJets.builder().optSeed(2).build().generate(50));
        Path model = dir.resolve("m.hgmodel");
        Result t = train("h5:" + h5, model, "--k", "4");
        assertEquals(0, t.code(), t.output());
        Path small = dir.resolve("small.csv");
        Path one = dir.resolve("one.csv");
        Result a = score("h5:" + h5, model, small, "--chunk-rows", "7");
        assertEquals(0, a.code(), a.output());
        assertTrue(a.output().contains("scored 50 graphs") && a.output().contains("chunks of 7"));
        assertTrue(a.output().contains("AUC"), a.output());
        Result b = score("h5:" + h5, model, one, "--chunk-rows", "1000");
        assertEquals(0, b.code(), b.output());
        List<String> x = Files.readAllLines(small);
        List<String> y = Files.readAllLines(one);
        assertEquals(51, x.size());
        assertEquals(y.size(), x.size());
        assertEquals("row,label,score", x.getFirst());
        for (int i = 1; i < x.size(); i++) {
            String[] p = x.get(i).split(",");
            String[] q = y.get(i).split(",");
            assertEquals(q[0] + "," + q[1], p[0] + "," + p[1]);
            assertEquals(Float.parseFloat(q[2]), Float.parseFloat(p[2]), 1e-5f);
        }
    }

    @Test
    void aChunkSizeBelowOneIsRefused(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.hgmodel");
        Files.writeString(model, "not read: the option is checked first");
        Result r =
                run(
                        "score",
                        "-m",
                        model.toString(),
                        "--out",
                        dir.resolve("s.csv").toString(),
                        "--chunk-rows",
                        "0");
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("--chunk-rows 0"), r.output());
        assertFalse(r.output().contains("\tat "), r.output());
    }
}
