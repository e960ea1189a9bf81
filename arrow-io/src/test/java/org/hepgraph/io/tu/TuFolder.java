package org.hepgraph.io.tu;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hepgraph.HepgraphException.DataFormatException;

/**
 * A small valid TU data set "T" written into a folder, for tests that break one file at a time.
 *
 * <p>Two graphs: nodes 1-3 (a path, label 0) and nodes 4-5 (one bond, label 1).
 */
final class TuFolder {

    static final String NAME = "T";

    private TuFolder() {}

    static Path write(Path dir) {
        put(dir, "A", "1, 2\n2, 1\n2, 3\n3, 2\n4, 5\n5, 4\n");
        put(dir, "graph_indicator", "1\n1\n1\n2\n2\n");
        put(dir, "graph_labels", "0\n1\n");
        put(dir, "node_labels", "2\n0\n2\n5\n0\n");
        put(dir, "node_attributes", "0.5, 1.0\n1.5, 2.0\n2.5, 3.0\n3.5, 4.0\n4.5, 5.0\n");
        put(dir, "edge_labels", "1\n1\n0\n0\n1\n1\n");
        return dir;
    }

    /** What reading the (broken) set in {@code dir} throws; fails the test if it reads. */
    static DataFormatException refused(Path dir) {
        return assertThrows(DataFormatException.class, () -> TuDatasetReader.read(dir, NAME));
    }

    static void put(Path dir, String suffix, String text) {
        try {
            Files.writeString(dir.resolve(NAME + "_" + suffix + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
