package org.hepgraph.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.hepgraph.HepgraphException;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.ChunksMatchWhole;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csv:} read in chunks ({@link CsvChunks}) gives what the whole-set read gives. */
class CsvChunksTest {

    @TempDir Path dir;

    /** A dimuon-layout CSV of {@code n} rows; Event = 1000 + row, Run = 7. */
    private Path dimuon(String name, int n, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder s =
                new StringBuilder(
                        "Run,Event,pt1,eta1,phi1,Q1,dxy1,iso1,pt2,eta2,phi2,Q2,dxy2,iso2\n");
        for (int i = 0; i < n; i++) {
            s.append("7,").append(1000 + i);
            for (int l = 0; l < 2; l++) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                ",%.4f,%.4f,%.4f,%d,%.4f,%.4f",
                                5 + 50 * r.nextDouble(),
                                r.nextGaussian(),
                                Math.PI * (2 * r.nextDouble() - 1),
                                r.nextBoolean() ? 1 : -1,
                                0.01 * r.nextGaussian(),
                                r.nextDouble()));
            }
            s.append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, s);
        return f;
    }

    private static void matches(String uri) {
        Dataset whole = DatasetSources.open(uri, Map.of());
        for (int rows : new int[] {1, 4, 7, whole.size(), whole.size() + 50}) {
            try (ChunkedDataset c = DatasetSources.openChunked(uri, Map.of())) {
                assertInstanceOf(CsvChunks.class, c);
                ChunksMatchWhole.check(whole, c, rows);
            }
        }
    }

    @Test
    void oneFileInChunksEqualsTheWholeFile() throws IOException {
        Path f = dimuon("z.csv", 23, 1);
        matches("csv:" + f + "?layout=dimuon");
        matches("csv:" + f + "?layout=dimuon,as=vector");
        matches("csv:" + f + "?layout=dimuon,rows=5:19");
        try (ChunkedDataset c =
                DatasetSources.openChunked("csv:" + f + "?layout=dimuon", Map.of())) {
            assertEquals(23, c.rowCount());
            Dataset d = c.read(20, 23);
            assertArrayEquals(new long[] {20, 21, 22}, d.rowIds());
            assertArrayEquals(new long[] {1020, 1021, 1022}, d.idColumns().get("Event"));
            assertEquals(null, d.labels());
        }
    }

    @Test
    void severalFilesInChunksEqualTheWholeSetWithFileAndLabel() throws IOException {
        Path a = dimuon("a.csv", 9, 2);
        Path b = dimuon("b.csv", 5, 3);
        Path c = dimuon("c.csv", 11, 4);
        String uri = "csv:" + a + ";" + b + ";" + c + "?layout=dimuon";
        matches(uri);
        matches(uri.replace("layout=dimuon", "layout=dimuon,rows=2:8"));
        try (ChunkedDataset ch = DatasetSources.openChunked(uri, Map.of())) {
            assertEquals(25, ch.rowCount());
            // a range across the three files: b's 5 rows lie between a's and c's
            Dataset d = ch.read(7, 16);
            assertArrayEquals(new long[] {7, 8, 0, 1, 2, 3, 4, 0, 1}, d.rowIds());
            assertArrayEquals(new long[] {0, 0, 1, 1, 1, 1, 1, 2, 2}, d.idColumns().get("file"));
            assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1, 1, 2, 2}, d.labels());
        }
    }

    @Test
    void rangesOutOfOrderReadTheSameRows() throws IOException {
        Path f = dimuon("z.csv", 30, 5);
        String uri = "csv:" + f + "?layout=dimuon";
        Dataset whole = DatasetSources.open(uri, Map.of());
        try (ChunkedDataset c = DatasetSources.openChunked(uri, Map.of())) {
            // forward with a gap (rows skipped), then back (the file read again from its start)
            for (int[] r : new int[][] {{10, 14}, {20, 30}, {3, 6}, {0, 0}, {6, 7}}) {
                Dataset d = c.read(r[0], r[1]);
                assertEquals(r[1] - r[0], d.size());
                for (int i = 0; i < d.size(); i++) {
                    assertEquals(whole.graphs().get(r[0] + i), d.graphs().get(i));
                    assertEquals(r[0] + i, d.rowIds()[i]);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> c.read(25, 31));
        }
    }

    @Test
    void badFilesAreRefusedWhenOpenedOrCountedAsTheWholeReadRefusesThem() throws IOException {
        Path f = dimuon("z.csv", 6, 6);
        HepgraphException beyond =
                assertThrows(
                        HepgraphException.class,
                        () -> {
                            try (ChunkedDataset c =
                                    DatasetSources.openChunked(
                                            "csv:" + f + "?layout=dimuon,rows=6:", Map.of())) {
                                c.rowCount();
                            }
                        });
        assertTrue(beyond.getMessage().contains("starts beyond the 6 rows"), beyond.getMessage());
        Path wrong = dir.resolve("wrong.csv");
        Files.writeString(wrong, "a,b\n1,2\n");
        HepgraphException header =
                assertThrows(
                        HepgraphException.class,
                        () ->
                                DatasetSources.openChunked(
                                        "csv:" + wrong + "?layout=dimuon", Map.of()));
        assertTrue(header.getMessage().contains("wrong.csv"), header.getMessage());
        // a bad value is found when its chunk is read, with its line
        Path bad = dimuon("bad.csv", 10, 7);
        String text = Files.readString(bad);
        Files.writeString(bad, text.replaceFirst("\n7,1008,[^,]*,", "\n7,1008,oops,"));
        try (ChunkedDataset c =
                DatasetSources.openChunked("csv:" + bad + "?layout=dimuon", Map.of())) {
            assertEquals(10, c.rowCount());
            assertEquals(4, c.read(0, 4).size());
            HepgraphException e = assertThrows(HepgraphException.class, () -> c.read(4, 10));
            assertTrue(e.getMessage().contains("line 10 (data row 8)"), e.getMessage());
        }
    }

    @Test
    void theCmsDimuonFilesStreamAsTheyLoad() {
        Path d = CmsOpenDataTest.dir();
        String uri =
                "csv:"
                        + d.resolve("Zmumu_Run2011A_masses.csv")
                        + ";"
                        + d.resolve("peakdata6.csv")
                        + "?layout=dimuon_masses";
        Dataset whole = DatasetSources.open(uri, Map.of());
        assertEquals(10851 + 4106, whole.size());
        try (ChunkedDataset c = DatasetSources.openChunked(uri, Map.of())) {
            assertEquals(whole.size(), c.rowCount());
            ChunksMatchWhole.check(whole, c, 4096);
        }
    }
}
