package org.hepgraph.detectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.hepgraph.data.Graph;

/**
 * What every trained detector kind must do, asserted once: a saved and loaded detector scores
 * exactly as the original, and the seed fixes the scores.
 */
public final class DetectorContract {

    private DetectorContract() {}

    /**
     * Settings for a small, fast run: {@code epochs} epochs of batch 32, then {@code extra} as key,
     * value, key, value, ...
     */
    public static Map<String, String> settings(int epochs, String... extra) {
        Map<String, String> m =
                new HashMap<>(Map.of("epochs", Integer.toString(epochs), "batchSize", "32"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return m;
    }

    /**
     * Fits {@code kind} on {@code train}, saves it, loads it back and checks equal config and
     * bit-identical scores on {@code test}; {@code alsoCheck} may compare more (e.g. a bank).
     */
    public static void assertSavedModelScoresIdentically(
            String kind,
            Map<String, String> settings,
            List<Graph> train,
            List<Graph> test,
            BiConsumer<AnomalyDetector, AnomalyDetector> alsoCheck)
            throws IOException {
        try (AnomalyDetector d = Detectors.create(kind, settings, Device.cpu())) {
            d.fit(train);
            float[] before = d.score(test);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DetectorIO.save(d, Map.of(), out);
            try (AnomalyDetector loaded =
                    DetectorIO.load(
                            new ByteArrayInputStream(out.toByteArray()), Device.cpu(), "memory")) {
                assertEquals(kind, loaded.kind());
                assertEquals(d.config(), loaded.config());
                assertArrayEquals(before, loaded.score(test));
                alsoCheck.accept(d, loaded);
            }
        }
    }

    /** The same seed gives the same scores; another seed other scores. */
    public static void assertSeedFixesTheScores(
            String kind, Map<String, String> settings, List<Graph> train, List<Graph> test) {
        float[] a = scores(kind, settings, "3", train, test);
        assertArrayEquals(a, scores(kind, settings, "3", train, test));
        assertFalse(
                Arrays.equals(a, scores(kind, settings, "4", train, test)),
                kind + ": another seed must change the scores");
    }

    private static float[] scores(
            String kind,
            Map<String, String> settings,
            String seed,
            List<Graph> train,
            List<Graph> test) {
        Map<String, String> s = new HashMap<>(settings);
        s.put("seed", seed);
        try (AnomalyDetector d = Detectors.create(kind, s, Device.cpu())) {
            d.fit(train);
            return d.score(test);
        }
    }
}
