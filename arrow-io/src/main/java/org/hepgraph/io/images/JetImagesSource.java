package org.hepgraph.io.images;

import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.datasets.ImageLayout;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.SourceOptions;
import org.hepgraph.io.SourceUri;
import org.hepgraph.train.Devices;
import org.hepgraph.transforms.JetImages;

/**
 * {@code jetimages:URI[?pixels=P,radius=R]} — the image view of any jet source: opens {@code URI}
 * (e.g. {@code h5:jets.h5}, {@code toy:jets=500}) through {@link DatasetSources} with raw node
 * features, and turns each of its graphs (a jet: nodes = particles with {@code pt, eta, phi}) into
 * a {@link JetImages} image. The rows are the very rows of the graph view: same order, same row
 * ids, labels, id columns and default split, so detectors on graphs and on images are compared on
 * identical events ({@code JetImagesSourceTest}).
 *
 * <p>Options (after the last {@code ?}, or in the caller's map): {@code pixels} (default 40),
 * {@code radius} (default 0.8). The caller's other options go to the wrapped source, with {@code
 * node_features=raw} and, unless the caller gives one, {@code k=1} (the graphs are dropped; a jet
 * source still refuses a file whose largest jet has a single particle). The jet source's checks
 * apply first (empty jets, non-finite values), then {@link JetImages}'s (features named {@code pt,
 * eta, phi}; a positive total pT). Over a jet source that streams, {@code score} reads jets and
 * makes images chunk by chunk ({@link #openChunked}).
 */
public final class JetImagesSource implements ChunkedDatasetSource {

    static final Set<String> KEYS = Set.of("pixels", "radius");

    @Override
    public String scheme() {
        return "jetimages";
    }

    @Override
    public String description() {
        return "jetimages:URI[?pixels=40,radius=0.8]  jet images of any jet source, e.g."
                + " jetimages:h5:jets.h5 (same rows as the graphs)";
    }

    @Override
    public Dataset open(String location, Map<String, String> options) {
        Parsed p = parse(location, options);
        return images(p, DatasetSources.open(p.inner(), p.innerOptions()));
    }

    /**
     * Opens the image view of a jet source that streams ({@link ChunkedDatasetSource}: {@code h5:},
     * {@code toptag:}, ...) chunk by chunk: each chunk's jets are read and turned into images, and
     * only then dropped. For a wrapped source that does not stream (e.g. {@code toy}) this returns
     * null: the caller opens it whole ({@link #open}), which keeps that source's own split.
     */
    @Override
    public ChunkedDataset openChunked(String location, Map<String, String> options) {
        Parsed p = parse(location, options);
        ChunkedDataset jets = DatasetSources.openChunked(p.inner(), p.innerOptions());
        if (jets == null) {
            return null;
        }
        GraphRecipe recipe = p.layout().recipe(scheme(), p.uri());
        return new ChunkedDataset() {
            @Override
            public String uri() {
                return p.uri();
            }

            @Override
            public long rowCount() {
                return jets.rowCount();
            }

            @Override
            public GraphRecipe recipe() {
                return recipe;
            }

            @Override
            public Dataset read(long from, long to) {
                return images(p, jets.read(from, to));
            }

            @Override
            public void close() {
                jets.close();
            }
        };
    }

    /** The parsed URI: the wrapped source, its options and the image settings. */
    private record Parsed(
            String uri,
            String inner,
            Map<String, String> innerOptions,
            JetImages images,
            int pixels) {
        ImageLayout layout() {
            return new ImageLayout(pixels, pixels, 1);
        }
    }

    private Parsed parse(String location, Map<String, String> options) {
        SourceUri u = SourceUri.splitLast(scheme(), location);
        String uri = u.uri();
        String inner = u.path();
        SourceOptions o = u.options(options, KEYS);
        if (inner.isBlank() || inner.startsWith("jetimages")) {
            throw new InvalidArgumentException(
                    "--dataset "
                            + uri
                            + " wraps no jet source; write jetimages:URI, e.g."
                            + " jetimages:h5:jets.h5 or jetimages:toy");
        }
        int pixels = o.integer("pixels", JetImages.DEFAULT_PIXELS, 1, "e.g. pixels=40");
        double radius = radius(o, uri);
        JetImages images = JetImages.create().optPixels(pixels).optRadius(radius);
        Map<String, String> innerOptions = new HashMap<>(options);
        innerOptions.put("node_features", "raw");
        // the graphs are dropped: build the cheapest ones unless the caller chose a k
        innerOptions.putIfAbsent("k", "1");
        return new Parsed(uri, inner, innerOptions, images, pixels);
    }

    /** The images of the jets of {@code jets}: the same rows, ids, labels and split. */
    private Dataset images(Parsed p, Dataset jets) {
        ImageLayout layout = p.layout();
        GraphSet graphs;
        if (jets.size() == 0) {
            graphs = GraphSet.builder().build();
        } else {
            PaddedParticles particles = particles(jets);
            float[] pixelsOut;
            try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
                pixelsOut = p.images().toArray(m, particles);
            }
            ByteBuffer buffer = ImageLayout.direct(4L * pixelsOut.length);
            buffer.asFloatBuffer().put(pixelsOut);
            graphs = layout.graphs(buffer, jets.size(), jets.graphs().labels());
        }
        return new Dataset(
                p.uri(),
                graphs,
                jets.rowIds(),
                jets.labels(),
                jets.idColumns(),
                layout.recipe(scheme(), p.uri()),
                jets.protocol(),
                jets.given());
    }

    private static double radius(SourceOptions o, String uri) {
        String s = o.string("radius", Double.toString(JetImages.DEFAULT_RADIUS));
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(
                    uri + ": radius = '" + s + "' is not a number; give e.g. radius=0.8");
        }
    }

    /** The raw node features of every graph, padded to the largest ({@code [G, P, F]}). */
    static PaddedParticles particles(Dataset jets) {
        GraphSet g = jets.graphs();
        List<String> names = jets.recipe().featureNames();
        int f = g.numFeatures();
        int most = 0;
        for (int i = 0; i < g.size(); i++) {
            most = Math.max(most, g.numNodes(i));
        }
        float[] values = new float[Math.multiplyExact(g.size(), most * f)];
        int[] counts = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Graph graph = g.get(i);
            counts[i] = graph.numNodes();
            float[] x = graph.x();
            System.arraycopy(x, 0, values, i * most * f, x.length);
        }
        return new PaddedParticles(g.size(), most, f, values, counts, g.labels(), names);
    }
}
