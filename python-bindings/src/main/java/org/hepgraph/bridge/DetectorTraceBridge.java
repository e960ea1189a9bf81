package org.hepgraph.bridge;

import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.experiments.Fold;
import org.hepgraph.experiments.GlocalkdFolds;

/**
 * Entry to deterministic training traces of the detectors (ocgin, gae, glocalkd, graphcl), for the
 * detector parity suite ({@code tests/detectors}) that replays them with PyTorch Geometric
 * reference implementations: {@link #open} a {@link DetectorTrace} for a kind, and {@link
 * #glocalkdFoldJson} for the folds both sides train and score on.
 */
public final class DetectorTraceBridge {

    private final BufferAllocator allocator;

    DetectorTraceBridge(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * A trace of a detector of {@code kind} with {@code settings} (the registry's options: the
     * architecture and {@code lr}, {@code cosine}, {@code clipNorm}, {@code batchSize}) for node
     * features of width {@code inChannels}, with weights and arithmetic of {@code dtype} ({@code
     * float32} as the detectors train, or {@code float64}). Unknown kinds and bad settings fail as
     * {@link org.hepgraph.detectors.Detectors#create} does.
     */
    public DetectorTrace open(
            String kind, Map<String, String> settings, int inChannels, String dtype) {
        Map<String, String> s = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((k, v) -> s.put(String.valueOf(k), String.valueOf(v)));
        }
        if (inChannels <= 0) {
            throw new InvalidArgumentException(
                    "DetectorTrace: inChannels must be > 0, got " + inChannels);
        }
        DataType type =
                switch (String.valueOf(dtype)) {
                    case "float32" -> DataType.FLOAT32;
                    case "float64" -> DataType.FLOAT64;
                    default ->
                            throw new InvalidArgumentException(
                                    "DetectorTrace: dtype must be float32 or float64, got "
                                            + dtype);
                };
        return new DetectorTrace(kind, s, inChannels, type, allocator);
    }

    /**
     * Fold {@code fold} of the GLocalKD protocol on {@code ds} ({@link GlocalkdFolds#folds} with
     * {@code folds} folds and {@code seed}) as JSON: {@code train} and {@code test} positions in
     * the data set and {@code testLabels} (1 anomaly, 0 normal).
     */
    public String glocalkdFoldJson(Dataset ds, int folds, long seed, int fold) {
        List<Fold> all = GlocalkdFolds.folds(ds, folds, seed);
        if (fold < 0 || fold >= all.size()) {
            throw new InvalidArgumentException(
                    "DetectorTrace: fold "
                            + fold
                            + " does not exist; "
                            + ds.uri()
                            + " has folds 0.."
                            + (all.size() - 1));
        }
        Fold f = all.get(fold);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", f.trainPositions());
        m.put("test", f.testPositions());
        m.put("testLabels", f.test().labels());
        return Json.write(m);
    }
}
