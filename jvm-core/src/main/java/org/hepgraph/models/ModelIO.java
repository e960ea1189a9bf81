package org.hepgraph.models;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
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
import java.util.TreeMap;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.train.Detector;

/**
 * Saves and loads a trained detector as one versioned stream.
 *
 * <p>Format version 1: the magic bytes {@code HGMODEL\0}, an int format version, an int count of
 * metadata entries followed by that many UTF key/value pairs (the {@link ModelConfig} under {@code
 * config.*}, provenance under {@code provenance.*}: library versions, seeds, dataset hash), then
 * DJL's own parameter stream ({@code Block.saveParameters}). A reader refuses any other version
 * with the version in the message. One artifact per format version stays in the test resources.
 */
public final class ModelIO {

    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "HGMODEL\0".getBytes(StandardCharsets.US_ASCII);

    private ModelIO() {}

    /**
     * Writes {@code detector} with its config and the given provenance (e.g. dataset hash, trainer
     * settings); library versions are added here.
     */
    public static void save(Detector detector, Map<String, String> provenance, OutputStream out)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        detector.config().toMap().forEach((k, v) -> meta.put("config." + k, v));
        meta.put("provenance.djl", Engine.getDjlVersion());
        meta.put(
                "provenance.engine",
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        meta.put("provenance.java", System.getProperty("java.version"));
        meta.put("provenance.hepgraph", version());
        new TreeMap<>(provenance).forEach((k, v) -> meta.put("provenance." + k, v));
        DataOutputStream dos = new DataOutputStream(out);
        dos.write(MAGIC);
        dos.writeInt(FORMAT_VERSION);
        dos.writeInt(meta.size());
        for (Map.Entry<String, String> e : meta.entrySet()) {
            dos.writeUTF(e.getKey());
            dos.writeUTF(e.getValue());
        }
        detector.model().saveParameters(dos);
        dos.flush();
    }

    /**
     * Reads a detector saved by {@link #save} onto {@code device}.
     *
     * @param source names the stream in error messages (e.g. the file path)
     */
    public static Detector load(InputStream in, Device device, String source) throws IOException {
        DataInputStream dis = new DataInputStream(in);
        Map<String, String> meta = readHeader(dis, source);
        Map<String, String> config = new LinkedHashMap<>();
        meta.forEach(
                (k, v) -> {
                    if (k.startsWith("config.")) {
                        config.put(k.substring("config.".length()), v);
                    }
                });
        ModelConfig cfg = ModelConfig.fromMap(config);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            GraphAnomalyModel model = cfg.build();
            model.initialize(manager);
            model.loadParameters(manager, dis);
            return Detector.wrap(manager, model);
        } catch (EOFException e) {
            manager.close();
            throw new ModelFormatException(
                    source + ": the model file ends early (truncated?); save the model again", e);
        } catch (MalformedModelException | RuntimeException e) {
            manager.close();
            throw new ModelFormatException(
                    source + ": the weights do not match the saved config (" + e.getMessage() + ")",
                    e);
        }
    }

    /** The metadata (config and provenance) of a saved model, without loading its weights. */
    public static Map<String, String> readMetadata(InputStream in, String source)
            throws IOException {
        return readHeader(new DataInputStream(in), source);
    }

    private static Map<String, String> readHeader(DataInputStream dis, String source)
            throws IOException {
        try {
            byte[] magic = new byte[MAGIC.length];
            dis.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ModelFormatException(
                        source
                                + ": not a hepgraph model (the file does not start with HGMODEL); "
                                + "give a file written by 'hepgraph train' or ModelIO.save");
            }
            int version = dis.readInt();
            if (version != FORMAT_VERSION) {
                throw new ModelFormatException(
                        source
                                + ": model format version "
                                + version
                                + " is not supported by this hepgraph (it reads version "
                                + FORMAT_VERSION
                                + "); use the hepgraph version that wrote it");
            }
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
        String v = ModelIO.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
