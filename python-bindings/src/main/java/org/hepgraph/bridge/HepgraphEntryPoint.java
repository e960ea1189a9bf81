package org.hepgraph.bridge;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.hepgraph.HepgraphException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.DatasetSource;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.exchange.GraphSetIpc;
import org.hepgraph.io.exchange.MappedGraphSet;
import org.hepgraph.train.Devices;

/**
 * What Python reaches through the gateway: the library's own objects (the detector registry, {@link
 * DetectorIO}, {@link GraphSet}), never the command line's internals. Every method is a thin
 * pass-through; the library's exceptions reach Python unchanged (class and {@link
 * HepgraphException#code()}), and {@link #describeError} reads them for Python in one call.
 */
public final class HepgraphEntryPoint {

    /** Accounts the data-plane mappings (one child allocator per mapped file). */
    private final BufferAllocator allocator = new RootAllocator();

    private final JetGraphsBridge jetGraphs = new JetGraphsBridge(allocator);
    private final MetricsBridge metrics = new MetricsBridge(allocator);
    private final ImagesBridge images = new ImagesBridge(allocator);
    private final DetectorTraceBridge detectorTraces = new DetectorTraceBridge(allocator);

    /** The graph builders over padded particles, for {@code hg.transforms}. */
    public JetGraphsBridge jetGraphs() {
        return jetGraphs;
    }

    /** Jet images from constituents, for {@code hepgraph.images}. */
    public ImagesBridge images() {
        return images;
    }

    /** ROC figures, for {@code hg.metrics}. */
    public MetricsBridge metrics() {
        return metrics;
    }

    /** Step-by-step training traces of the detectors, for the detector parity suite. */
    public DetectorTraceBridge detectorTraces() {
        return detectorTraces;
    }

    /**
     * The hepgraph version of the running jar (e.g. {@code 0.1.0-SNAPSHOT}), "dev" from classes.
     */
    public String version() {
        return DetectorIO.version();
    }

    /** This JVM's process id. */
    public long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Every registered detector kind as a JSON array: {@code kind}, {@code displayName}, {@code
     * description} and {@code options} ({@code key}, {@code default}, {@code description}).
     */
    public String detectorsJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DetectorFactory f : Detectors.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind());
            m.put("displayName", f.displayName());
            m.put("description", f.description());
            List<Map<String, String>> options = new ArrayList<>();
            for (DetectorOption o : f.options()) {
                Map<String, String> om = new LinkedHashMap<>();
                om.put("key", o.key());
                om.put("default", o.defaultValue());
                om.put("description", o.description());
                options.add(om);
            }
            m.put("options", options);
            out.add(m);
        }
        return Json.write(out);
    }

    /**
     * A new detector of {@code kind} ({@link Detectors#create}) on the preferred device; unknown
     * kinds, unknown keys and bad values fail with the registry's {@link InvalidArgumentException}.
     */
    public DetectorHandle createDetector(String kind, Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((k, v) -> s.put(String.valueOf(k), String.valueOf(v)));
        }
        return new DetectorHandle(Detectors.create(kind, s, Devices.preferred()));
    }

    /** A fitted detector read from a file written by {@link DetectorHandle#save} or the CLI. */
    public DetectorHandle loadDetector(String path) throws IOException {
        Path p = existing("hg.load", path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            return new DetectorHandle(DetectorIO.load(in, Devices.preferred(), p.toString()));
        }
    }

    /** The header of a saved model (config, metadata, provenance) as a JSON object. */
    public String readMetadataJson(String path) throws IOException {
        Path p = existing("hg.read_metadata", path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            return Json.write(DetectorIO.readMetadata(in, p.toString()));
        }
    }

    /**
     * Every registered data-source scheme as a JSON array of {@code scheme}, {@code description}.
     */
    public String datasetSourcesJson() {
        List<Map<String, String>> out = new ArrayList<>();
        for (DatasetSource s : DatasetSources.all()) {
            out.add(Map.of("scheme", s.scheme(), "description", s.description()));
        }
        return Json.write(out);
    }

    /**
     * {@code hepgraph score --chunk-rows} for Python: a {@link FileScoringJob} scoring {@code uri}
     * with {@code detector} one chunk per call into {@code csv}; {@code model} is the detector's
     * model file (its recipe and seed apply as in the CLI), or null.
     */
    public FileScoringJob scoreFile(
            DetectorHandle detector,
            String model,
            String uri,
            Map<String, String> options,
            String csv,
            int chunkRows,
            Integer trainLabel)
            throws IOException {
        return FileScoringJob.open(detector, model, uri, options, csv, chunkRows, trainLabel);
    }

    /** {@link DatasetSources#open}: the data set at {@code uri} (e.g. {@code toy:jets=100}). */
    public Dataset openDataset(String uri, Map<String, String> options) {
        Map<String, String> o = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((k, v) -> o.put(String.valueOf(k), String.valueOf(v)));
        }
        return DatasetSources.open(uri, o);
    }

    /**
     * What Python shows of a data set, as JSON: {@code uri}, {@code protocol}, {@code labels} (or
     * null), and the given split's {@code train}/{@code test} positions (or null).
     */
    public String datasetJson(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", d.uri());
        m.put("protocol", d.protocol().name());
        m.put("labels", d.labels());
        m.put("train", d.given() == null ? null : d.given().train());
        m.put("test", d.given() == null ? null : d.given().test());
        m.put("row_ids", d.rowIds());
        m.put("id_columns", d.idColumns());
        m.put("features", d.recipe().featureNames());
        return Json.write(m);
    }

    /**
     * Writes {@code set} as a data-plane file at {@code path} ({@link GraphSetIpc#write}, 0600).
     */
    public void writeGraphSet(GraphSet set, String path) {
        GraphSetIpc.write(set, Path.of(path));
    }

    /**
     * The graph set in the data-plane file at {@code path} (Arrow IPC, written by Python into its
     * shared-memory exchange), mapped without a copy ({@link GraphSetIpc#map}); its {@link
     * MappedGraphSet#graphs()} goes to the detectors. The set is checked as every {@link
     * GraphSet#wrap} is (pointers, finite values, edges inside their graph), so Python callers get
     * the same errors as Java callers. Close it to unmap.
     */
    public MappedGraphSet mapGraphSet(String path) {
        return GraphSetIpc.map(Path.of(path), allocator);
    }

    /**
     * A {@link GraphSet} from its columns as little-endian bytes (Py4J moves about 50 MB/s: for
     * Java tests and tiny sets; Python uses {@link #mapGraphSet}). Checked as {@link
     * GraphSet#wrap}.
     *
     * @param edgeAttr {@code null} when {@code edgeDim} is 0
     */
    public GraphSet graphSetFromBytes(
            int numGraphs,
            long totalNodes,
            long totalEdges,
            int numFeatures,
            int edgeDim,
            byte[] nodePtr,
            byte[] edgePtr,
            byte[] x,
            byte[] edgeIndex,
            byte[] edgeAttr,
            byte[] y) {
        GraphSetLayout layout =
                new GraphSetLayout(numGraphs, totalNodes, totalEdges, numFeatures, edgeDim, 0, 0);
        return GraphSet.wrap(
                layout,
                direct(nodePtr),
                direct(edgePtr),
                direct(x),
                direct(edgeIndex),
                edgeDim == 0 ? null : direct(edgeAttr),
                null,
                direct(y),
                null);
    }

    /**
     * A model from a JSON layer spec with PyG's options ({@link BridgeModel}), on the preferred
     * device, its weights initialised at random until {@link BridgeModel#loadParameters}.
     */
    public BridgeModel buildModel(String specJson) {
        ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(Devices.preferred());
        try {
            return new BridgeModel(specJson, allocator, m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * A model of {@code specJson} computing in {@code dataType} ("float32" or "float64"), for the
     * PyG parity suite's float64 cases.
     */
    public BridgeModel buildModel(String specJson, String dataType) {
        ai.djl.ndarray.types.DataType type =
                switch (String.valueOf(dataType)) {
                    case "float32" -> ai.djl.ndarray.types.DataType.FLOAT32;
                    case "float64" -> ai.djl.ndarray.types.DataType.FLOAT64;
                    default ->
                            throw new org.hepgraph.HepgraphException.InvalidArgumentException(
                                    "buildModel: dataType must be float32 or float64, got '"
                                            + dataType
                                            + "'");
                };
        ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(Devices.preferred());
        try {
            return new BridgeModel(specJson, allocator, m, type);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * What Python needs to re-raise {@code t} as its own class, as a JSON object: {@code class}
     * (the Java class name), {@code code} (the {@link HepgraphException#code()}, or null), {@code
     * message}, and {@code causes} (class and message of each cause).
     */
    public String describeError(Throwable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", t.getClass().getName());
        m.put("code", t instanceof HepgraphException h ? h.code() : null);
        m.put("message", t.getMessage());
        List<String> causes = new ArrayList<>();
        for (Throwable c = t.getCause(); c != null && causes.size() < 8; c = c.getCause()) {
            causes.add(c.getClass().getName() + ": " + c.getMessage());
        }
        m.put("causes", causes);
        return Json.write(m);
    }

    private static ByteBuffer direct(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(bytes).flip();
        return b;
    }

    private static Path existing(String who, String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw new InvalidArgumentException(
                    who
                            + ": no model file at "
                            + p.toAbsolutePath()
                            + "; give the path of a file written by Detector.save or 'hepgraph"
                            + " train'");
        }
        return p;
    }
}
