package org.hepgraph.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Where hepgraph finds its data sets.
 *
 * <p>The data root is, in order: the environment variable {@code HEPGRAPH_DATA}, the system
 * property {@code hepgraph.data}, else {@code ../shared/data} relative to the working directory. TU
 * data sets live in {@code <root>/tudataset-glad/<name>}.
 */
public final class DataPaths {

    /** Environment variable that names the data root. */
    public static final String ENV = "HEPGRAPH_DATA";

    /** System property that names the data root when {@link #ENV} is not set. */
    public static final String PROPERTY = "hepgraph.data";

    /** The data root used when neither {@link #ENV} nor {@link #PROPERTY} is set. */
    public static final Path DEFAULT_ROOT = Path.of("..", "shared", "data");

    private DataPaths() {}

    /**
     * The data root: {@code HEPGRAPH_DATA}, else {@code -Dhepgraph.data}, else {@code
     * ../shared/data}.
     */
    public static Path dataRoot() {
        return dataRoot(System.getenv(ENV), System.getProperty(PROPERTY));
    }

    /** The rule of {@link #dataRoot()} with the environment value and the property passed in. */
    static Path dataRoot(String env, String property) {
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return DEFAULT_ROOT;
    }

    /**
     * The folder of TU data set {@code name}, {@code <root>/tudataset-glad/<name>}.
     *
     * @throws DataFormatException if the folder does not exist
     */
    public static Path tuDataset(String name) {
        return existingFolder(dataRoot(), "tudataset-glad", name);
    }

    /** The TU data sets under {@code <root>/tudataset-glad}, sorted; empty if there is none. */
    public static List<String> tuDatasets() {
        Path dir = dataRoot().resolve("tudataset-glad");
        return Files.isDirectory(dir) ? names(dir) : List.of();
    }

    /**
     * The sub-folder names of {@code dir}, sorted; a {@code NAME_training} / {@code NAME_testing}
     * pair is listed once as {@code NAME} (how it is opened).
     */
    static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .map(n -> n.replaceFirst("_(training|testing)$", ""))
                    .distinct()
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataFormatException(
                    "DataPaths: cannot list " + dir + " (" + e + "); check its permissions", e);
        }
    }

    static Path existingFolder(Path root, String collection, String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new InvalidArgumentException(
                    "DataPaths: data set name '"
                            + name
                            + "' is not a plain folder name; pass e.g. \"AIDS\" or \"MUTAG\"");
        }
        Path dir = root.resolve(collection).resolve(name);
        if (!Files.isDirectory(dir) && Files.isDirectory(root.resolve(collection))) {
            throw new InvalidArgumentException(
                    "DataPaths: there is no data set '"
                            + name
                            + "' in "
                            + root.resolve(collection).toAbsolutePath().normalize()
                            + "; the data sets there are: "
                            + String.join(", ", names(root.resolve(collection))));
        }
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(
                    "DataPaths: data set folder "
                            + dir.toAbsolutePath().normalize()
                            + " does not exist; set the environment variable "
                            + ENV
                            + " (or -D"
                            + PROPERTY
                            + ") to the folder that holds '"
                            + collection
                            + "'");
        }
        return dir;
    }
}
