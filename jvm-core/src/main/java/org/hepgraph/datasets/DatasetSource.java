package org.hepgraph.datasets;

import java.util.Map;

/**
 * A kind of data set, keyed by its URI scheme ({@code toy}, {@code tu}, {@code h5}, ...).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/org.hepgraph.datasets.DatasetSource}); the registry is {@code
 * org.hepgraph.io.DatasetSources} in arrow-io, since most sources read files and the core never
 * opens one. A new reader is one class and one line in that services file.
 *
 * <p>{@code options} are the caller's settings (e.g. {@code k}, {@code seed}, {@code jets}); a
 * source reads the keys it knows and ignores the rest, so a caller may pass one map to every
 * source. Options written into the URI itself ({@code toy:jets=100,seed=3}) are strict: an unknown
 * key there is an error. Every bad input is a {@link org.hepgraph.HepgraphException} naming the
 * URI, the value and the fix.
 */
public interface DatasetSource {

    /** The URI scheme, e.g. {@code "h5"} for {@code h5:FILE}. */
    String scheme();

    /** One line for help texts and error messages, e.g. {@code "h5:FILE jets in an HDF5 file"}. */
    String description();

    /**
     * Opens the data set at {@code location} (the URI after {@code scheme:}, possibly empty).
     *
     * @param location e.g. {@code AIDS} for {@code tu:AIDS}, a path for {@code h5:}
     * @param options caller settings; unknown keys are ignored
     */
    Dataset open(String location, Map<String, String> options);
}
