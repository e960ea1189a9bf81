package org.hepgraph.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.detectors.svdd.SvddDetector;
import org.hepgraph.io.exchange.TensorIpc;

/**
 * A detector as Python holds it: the library's {@link AnomalyDetector} plus what a remote caller
 * needs (training as a pollable {@link TrainingJob}, scores into a data-plane file, save to a
 * path). It adds no detector logic.
 */
public final class DetectorHandle implements AutoCloseable {

    private final AnomalyDetector detector;
    private volatile TrainingJob running;
    private volatile boolean closed;

    DetectorHandle(AnomalyDetector detector) {
        this.detector = detector;
    }

    /** The registry kind, e.g. {@code "ocgin"}. */
    public String kind() {
        return detector.kind();
    }

    /** The detector's config (every option with its value) as a JSON object. */
    public String configJson() {
        return Json.write(detector.config().toMap());
    }

    /** The wrapped library object, for Java code that receives a handle. */
    public AnomalyDetector detector() {
        return detector;
    }

    /**
     * Starts {@link AnomalyDetector#fit} on {@code graphs} on its own thread and returns at once;
     * Python polls the job for progress and its result.
     */
    public TrainingJob fitAsync(List<Graph> graphs) {
        checkOpen("fit");
        TrainingJob job = running;
        if (job != null && !job.isDone()) {
            throw new InvalidArgumentException(
                    "Detector.fit: this "
                            + kind()
                            + " detector is already training; wait for that run or cancel it"
                            + " first");
        }
        job = new TrainingJob(detector, graphs);
        running = job;
        return job;
    }

    /**
     * Scores {@code graphs} and writes the scores as a float32 tensor {@code [B]} to the data-plane
     * file {@code path} ({@link TensorIpc}, 0600), which Python maps.
     */
    public void scoreToFile(List<Graph> graphs, String path) {
        checkOpen("score");
        float[] s = detector.score(graphs);
        ByteBuffer b = ByteBuffer.allocateDirect(4 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(s);
        TensorIpc.write(b, DataType.FLOAT32, new long[] {s.length}, Path.of(path));
    }

    /** The scores as a float array (Java callers; Python takes {@link #scoreBytes}). */
    public float[] score(List<Graph> graphs) {
        checkOpen("score");
        return detector.score(graphs);
    }

    /**
     * Makes {@code model}'s current weights the starting weights of this detector's encoder (an
     * {@code svdd} detector whose {@code encoder} option is {@code model}'s spec): names and shapes
     * are {@link BridgeModel}'s, checked when {@link #fitAsync} builds the encoder.
     */
    public void startEncoderFrom(BridgeModel model) {
        checkOpen("fit");
        Map<String, NDArray> weights = new LinkedHashMap<>();
        model.parameters().forEach((k, p) -> weights.put(k, p.getArray()));
        svdd("start from a model").startFrom(weights);
    }

    /**
     * Copies the fitted encoder's weights into {@code model} (same spec, so same names and shapes):
     * afterwards {@code model} computes what the trained encoder computes.
     */
    public void writeEncoderTo(BridgeModel model) {
        checkOpen("encoder");
        Map<String, Parameter> trained = svdd("hand back its encoder").encoderParameters();
        Map<String, Parameter> target = model.parameters();
        if (!trained.keySet().equals(target.keySet())) {
            throw new InvalidArgumentException(
                    "Detector.encoder: the model's parameters "
                            + target.keySet()
                            + " are not the encoder's "
                            + trained.keySet()
                            + "; give the model built from the same spec (hg.from_pyg of the same"
                            + " module)");
        }
        for (Map.Entry<String, Parameter> e : trained.entrySet()) {
            NDArray from = e.getValue().getArray();
            NDArray to = target.get(e.getKey()).getArray();
            if (!from.getShape().equals(to.getShape())) {
                throw new InvalidArgumentException(
                        "Detector.encoder: "
                                + e.getKey()
                                + " has shape "
                                + from.getShape()
                                + " in the encoder but "
                                + to.getShape()
                                + " in the model");
            }
            to.set(from.toFloatArray());
        }
    }

    private SvddDetector svdd(String what) {
        if (detector instanceof SvddDetector d) {
            return d;
        }
        throw new InvalidArgumentException(
                "Detector: a "
                        + kind()
                        + " detector cannot "
                        + what
                        + "; only kind 'svdd' takes a user-given encoder (hg.Detector(\"svdd\","
                        + " encoder=hg.from_pyg(module)))");
    }

    /** Saves the fitted detector with {@link DetectorIO} to {@code path}, with {@code metadata}. */
    public void save(String path, Map<String, String> metadata) throws IOException {
        checkOpen("save");
        Path p = Path.of(path);
        Map<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> meta.put(String.valueOf(k), String.valueOf(v)));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p))) {
            DetectorIO.save(detector, meta, out);
        }
    }

    /** Frees the detector's native memory; stops a training run first. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        TrainingJob job = running;
        if (job != null && !job.isDone()) {
            job.cancel();
            try {
                job.poll(Integer.MAX_VALUE, Long.MAX_VALUE / 2_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        detector.close();
    }

    private void checkOpen(String what) {
        if (closed) {
            throw new InvalidArgumentException(
                    "Detector."
                            + what
                            + ": this "
                            + kind()
                            + " detector was closed; create or load it again");
        }
    }
}
