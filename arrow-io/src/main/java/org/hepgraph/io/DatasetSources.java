package org.hepgraph.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.DatasetSource;

/**
 * The registry of {@link DatasetSource}s, discovered with {@link ServiceLoader} and keyed by URI
 * scheme: {@code toy:}, {@code tu:NAME}, {@code h5:FILE} here, and any other on the class path.
 *
 * <p>A URI is {@code scheme:location}; a bare {@code scheme} (e.g. {@code toy}) has an empty
 * location. An unknown scheme is an {@link InvalidArgumentException} listing the registered ones.
 */
public final class DatasetSources {

    private DatasetSources() {}

    /** Every registered source, sorted by scheme. */
    public static List<DatasetSource> all() {
        List<DatasetSource> out = new ArrayList<>();
        ServiceLoader.load(DatasetSource.class, DatasetSources.class.getClassLoader())
                .forEach(out::add);
        out.sort(Comparator.comparing(DatasetSource::scheme));
        return out;
    }

    /** The source of {@code scheme}, or an error listing the registered schemes. */
    public static DatasetSource source(String scheme) {
        DatasetSource s = find(scheme);
        if (s == null) {
            throw unknown("the scheme '" + scheme + "'");
        }
        return s;
    }

    private static DatasetSource find(String scheme) {
        return all().stream().filter(s -> s.scheme().equals(scheme)).findFirst().orElse(null);
    }

    /**
     * Opens {@code uri} ({@code scheme:location}).
     *
     * @param options caller settings (e.g. {@code k}, {@code seed}); each source reads its own
     */
    public static Dataset open(String uri, Map<String, String> options) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidArgumentException(
                    "--dataset is empty; give one of: " + String.join(", ", descriptions()));
        }
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon);
        String location = colon < 0 ? "" : uri.substring(colon + 1);
        DatasetSource source = find(scheme);
        if (source == null) {
            throw unknown("--dataset '" + uri + "' is not understood: its scheme");
        }
        return source.open(location, options == null ? Map.of() : options);
    }

    /**
     * Opens {@code uri} for reading in row chunks when its source can ({@link
     * ChunkedDatasetSource}), else returns null (the caller opens it whole with {@link #open}).
     */
    public static ChunkedDataset openChunked(String uri, Map<String, String> options) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon);
        if (!(find(scheme) instanceof ChunkedDatasetSource source)) {
            return null;
        }
        return source.openChunked(
                colon < 0 ? "" : uri.substring(colon + 1), options == null ? Map.of() : options);
    }

    private static List<String> descriptions() {
        return all().stream().map(DatasetSource::description).toList();
    }

    private static InvalidArgumentException unknown(String what) {
        return new InvalidArgumentException(
                what
                        + " is not registered; the data sources are: "
                        + String.join("; ", descriptions()));
    }
}
