package org.hepgraph.detectors;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The registry of detector kinds: every {@link DetectorFactory} that {@link ServiceLoader} finds
 * under {@code META-INF/services/org.hepgraph.detectors.DetectorFactory}, keyed by {@link
 * DetectorFactory#kind()}.
 *
 * <pre>{@code
 * try (AnomalyDetector d = Detectors.create("ocgin", Map.of("hidden", "64"), Device.cpu())) {
 *     d.fit(normalGraphs);
 *     float[] scores = d.score(testGraphs);
 * }
 * }</pre>
 */
public final class Detectors {

    private static volatile List<DetectorFactory> factories;

    private Detectors() {}

    /** Every registered kind, in the order of the service files. */
    public static List<DetectorFactory> all() {
        List<DetectorFactory> f = factories;
        if (f == null) {
            List<DetectorFactory> found = new ArrayList<>();
            for (DetectorFactory factory :
                    ServiceLoader.load(DetectorFactory.class, Detectors.class.getClassLoader())) {
                if (found.stream().noneMatch(x -> x.kind().equals(factory.kind()))) {
                    found.add(factory);
                }
            }
            f = List.copyOf(found);
            factories = f;
        }
        return f;
    }

    /** The registered kinds' keys. */
    public static List<String> kinds() {
        return all().stream().map(DetectorFactory::kind).toList();
    }

    /**
     * The factory of {@code kind} (case-insensitive).
     *
     * @throws InvalidArgumentException naming the known kinds when none matches
     */
    public static DetectorFactory factory(String kind) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        for (DetectorFactory f : all()) {
            if (f.kind().equals(k)) {
                return f;
            }
        }
        throw new InvalidArgumentException(
                "Detectors: unknown detector kind '"
                        + kind
                        + "'; the registered kinds are "
                        + String.join(", ", kinds())
                        + " (see 'hepgraph models')");
    }

    /** A new detector of {@code kind} configured by {@code settings} (defaults for the rest). */
    public static AnomalyDetector create(String kind, Map<String, String> settings, Device device) {
        DetectorFactory f = factory(kind);
        return f.create(f.config(settings), device);
    }
}
