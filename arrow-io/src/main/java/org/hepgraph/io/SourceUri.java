package org.hepgraph.io;

import java.util.Map;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * A source location split at its {@code ?}: {@code scheme:PATH?QUERY} → the whole URI (for
 * messages), the part before {@code ?} and the option pairs after it. The preamble every file
 * source's {@code open} starts with ({@link FileUri}, {@code csv:}, {@code images:}, {@code
 * jetimages:}).
 *
 * @param scheme the source's scheme, e.g. {@code images}
 * @param uri {@code scheme:location}, e.g. {@code images:photons.h5?chunk=512}
 * @param path the text before {@code ?} (the whole location when there is none)
 * @param query the text after {@code ?}, empty when there is none
 */
public record SourceUri(String scheme, String uri, String path, String query) {

    /** Splits {@code location} at its first {@code ?}. */
    public static SourceUri split(String scheme, String location) {
        return at(scheme, location, location.indexOf('?'));
    }

    /**
     * Splits {@code location} at its last {@code ?}, for a source whose path may itself hold one (a
     * wrapped URI: {@code jetimages:URI?pixels=32}).
     */
    public static SourceUri splitLast(String scheme, String location) {
        return at(scheme, location, location.lastIndexOf('?'));
    }

    private static SourceUri at(String scheme, String location, int q) {
        return new SourceUri(
                scheme,
                scheme + ":" + location,
                q < 0 ? location : location.substring(0, q),
                q < 0 ? "" : location.substring(q + 1));
    }

    /**
     * The caller's {@code options} overridden by the query's comma-separated pairs ({@link
     * SourceOptions#of(String, String, Map, Set)}).
     */
    public SourceOptions options(Map<String, String> options, Set<String> known) {
        return SourceOptions.of(uri, query, options, known);
    }

    /**
     * Refuses a blank path: "{@code --dataset URI names no file; write scheme:PATH, e.g.
     * scheme:EXAMPLE}".
     *
     * @param example a path to show, e.g. {@code background.h5}
     */
    public void requirePath(String example) {
        if (path.isBlank()) {
            throw new InvalidArgumentException(
                    "--dataset "
                            + uri
                            + " names no file; write "
                            + scheme
                            + ":PATH, e.g. "
                            + scheme
                            + ":"
                            + example);
        }
    }
}
