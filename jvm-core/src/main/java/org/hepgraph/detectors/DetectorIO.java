package org.hepgraph.detectors;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hepgraph.HepgraphException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.ModelFormatException;

/**
 * Saves and loads a fitted {@link AnomalyDetector} of any registered kind as one versioned stream,
 * dispatching by kind through {@link Detectors}.
 *
 * <p>Format version 2: the magic bytes {@code HGMODEL\0}, an int format version, an int count of
 * header entries followed by that many UTF key/value pairs, then the detector's own state ({@link
 * AnomalyDetector#saveWeights}; DJL's parameter stream for the GNN detectors). Header entries:
 * {@code config.kind} and {@code config.<key>} for every entry of {@link
 * AnomalyDetector#savedConfig()}; the caller's metadata verbatim (provenance, the graph recipe;
 * keys must not start with {@code config.}); and {@code provenance.djl}, {@code provenance.engine},
 * {@code provenance.java}, {@code provenance.hepgraph}, added here.
 *
 * <p>Version 1 (hepgraph 0.1: OCGIN and the graph autoencoder; {@code config.kind, inChannels,
 * hidden, layers, latent, seed, aggregation}, the caller's metadata under {@code provenance.*}) is
 * still read: of its config only the keys the kind still declares, plus {@code inChannels}, are
 * passed on. Any other version is refused with the version in the message. One artifact per format
 * version stays in the test resources.
 */
public final class DetectorIO {

    /** The version {@link #save} writes. */
    public static final int FORMAT_VERSION = 2;

    private static final Set<Integer> READABLE = Set.of(1, 2);
    private static final byte[] MAGIC = "HGMODEL\0".getBytes(StandardCharsets.US_ASCII);
    private static final String CONFIG = "config.";

    private DetectorIO() {}

    /**
     * Writes {@code detector}'s kind, config, {@code metadata} and fitted state to {@code out}.
     *
     * @throws InvalidArgumentException if a metadata key starts with {@code config.}
     */
    public static void save(
            AnomalyDetector detector, Map<String, String> metadata, OutputStream out)
            throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        header.put(CONFIG + "kind", detector.kind());
        detector.savedConfig().forEach((k, v) -> header.put(CONFIG + k, v));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().startsWith(CONFIG)) {
                throw new InvalidArgumentException(
                        "DetectorIO.save: metadata key '"
                                + e.getKey()
                                + "' starts with 'config.', which is reserved for the detector's"
                                + " config; rename it");
            }
            header.put(e.getKey(), e.getValue());
        }
        header.put("provenance.djl", Engine.getDjlVersion());
        header.put(
                "provenance.engine",
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        header.put("provenance.java", System.getProperty("java.version"));
        header.put("provenance.hepgraph", version());
        DataOutputStream dos = new DataOutputStream(out);
        dos.write(MAGIC);
        dos.writeInt(FORMAT_VERSION);
        dos.writeInt(header.size());
        for (Map.Entry<String, String> e : header.entrySet()) {
            dos.writeUTF(e.getKey());
            dos.writeUTF(e.getValue());
        }
        detector.saveWeights(dos);
        dos.flush();
    }

    /**
     * Reads a detector saved by {@link #save} (or by hepgraph 0.1's {@code ModelIO}) onto {@code
     * device}.
     *
     * @param source names the stream in error messages (e.g. the file path)
     */
    public static AnomalyDetector load(InputStream in, Device device, String source)
            throws IOException {
        DataInputStream dis = new DataInputStream(in);
        int[] version = new int[1];
        Map<String, String> header = readHeader(dis, source, version);
        String kind = header.get(CONFIG + "kind");
        if (kind == null) {
            throw new ModelFormatException(
                    source + ": the model header has no 'config.kind'; save the model again");
        }
        DetectorFactory factory;
        try {
            factory = Detectors.factory(kind);
        } catch (InvalidArgumentException e) {
            throw new ModelFormatException(
                    source
                            + ": the model is of kind '"
                            + kind
                            + "', which this hepgraph does not know (it knows "
                            + String.join(", ", Detectors.kinds())
                            + "); use the hepgraph version that wrote it");
        }
        Set<String> declared =
                factory.options().stream().map(DetectorOption::key).collect(Collectors.toSet());
        Map<String, String> saved = new LinkedHashMap<>();
        header.forEach(
                (k, v) -> {
                    if (k.startsWith(CONFIG) && !k.equals(CONFIG + "kind")) {
                        String key = k.substring(CONFIG.length());
                        if (version[0] >= 2 || declared.contains(key) || key.equals("inChannels")) {
                            saved.put(key, v);
                        }
                    }
                });
        try {
            return factory.load(saved, dis, device);
        } catch (EOFException e) {
            throw new ModelFormatException(
                    source + ": the model file ends early (truncated?); save the model again", e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (HepgraphException | IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(
                    source
                            + ": the saved "
                            + kind
                            + " model cannot be rebuilt ("
                            + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** The header (config, metadata, provenance) of a saved model, without loading its state. */
    public static Map<String, String> readMetadata(InputStream in, String source)
            throws IOException {
        return readHeader(new DataInputStream(in), source, new int[1]);
    }

    private static Map<String, String> readHeader(
            DataInputStream dis, String source, int[] versionOut) throws IOException {
        try {
            byte[] magic = new byte[MAGIC.length];
            dis.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ModelFormatException(
                        source
                                + ": not a hepgraph model (the file does not start with HGMODEL); "
                                + "give a file written by 'hepgraph train' or DetectorIO.save");
            }
            int version = dis.readInt();
            if (!READABLE.contains(version)) {
                throw new ModelFormatException(
                        source
                                + ": model format version "
                                + version
                                + " is not supported by this hepgraph (it reads versions 1 and "
                                + FORMAT_VERSION
                                + "); use the hepgraph version that wrote it");
            }
            versionOut[0] = version;
            int n = dis.readInt();
            if (n < 0 || n > 10_000) {
                throw new ModelFormatException(
                        source + ": corrupt header (" + n + " metadata entries)");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                meta.put(dis.readUTF(), dis.readUTF());
            }
            return meta;
        } catch (EOFException e) {
            throw new ModelFormatException(
                    source + ": the model file ends inside its header (truncated?)", e);
        }
    }

    /** The hepgraph version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = DetectorIO.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
