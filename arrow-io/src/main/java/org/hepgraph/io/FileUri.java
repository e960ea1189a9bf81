package org.hepgraph.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.hepgraph.HepgraphException.DataFormatException;

/**
 * The location of a file source: {@code PATH} or {@code PATH?key=value&key=value}. The pairs after
 * {@code ?} are the source's options written into the URI (strict: an unknown key is an error);
 * they are separated by {@code &} so that a value may hold commas (e.g. {@code signal=a.h5,b.h5}).
 * The caller's option map fills in the rest ({@link SourceOptions}).
 *
 * @param uri the whole URI, for messages, e.g. {@code adc2021:bg.h5?k=4}
 * @param file the path before {@code ?}
 * @param options the merged options
 */
public record FileUri(String uri, Path file, SourceOptions options) {

    /**
     * Parses {@code location} of scheme {@code scheme}.
     *
     * @param example a path to show when none is given, e.g. {@code background.h5}
     * @param known the option keys this source understands
     */
    public static FileUri parse(
            String scheme,
            String location,
            Map<String, String> options,
            Set<String> known,
            String example) {
        SourceUri u = SourceUri.split(scheme, location);
        u.requirePath(example);
        SourceOptions o = SourceOptions.of(u.uri(), u.query(), options, known, "&");
        return new FileUri(u.uri(), Path.of(u.path().trim()), o);
    }

    /**
     * Refuses a missing path or a directory with a message naming the path and the fix (a {@link
     * DataFormatException}, as for every problem with a user's file).
     */
    public static void checkFile(String uri, Path file) {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(
                    uri
                            + ": "
                            + file.toAbsolutePath()
                            + " is a directory; give the path of an HDF5 file inside it");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(
                    uri
                            + ": file "
                            + file.toAbsolutePath()
                            + " does not exist; check the path (relative paths start at "
                            + Path.of("").toAbsolutePath()
                            + ")");
        }
    }
}
