package org.hepgraph.io;

import java.nio.file.Files;
import java.nio.file.Path;
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

    static Path existingFolder(Path root, String collection, String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new InvalidArgumentException(
                    "DataPaths: data set name '"
                            + name
                            + "' is not a plain folder name; pass e.g. \"AIDS\" or \"MUTAG\"");
        }
        Path dir = root.resolve(collection).resolve(name);
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
