package org.hepgraph.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class DetectorsTest {

    @Test
    void registryListsTheBuiltInKinds() {
        List<String> kinds = Detectors.kinds();
        assertTrue(kinds.containsAll(List.of("ocgin", "gae", "size")), kinds.toString());
        assertEquals(kinds.size(), kinds.stream().distinct().count(), "kinds are unique");
        for (DetectorFactory f : Detectors.all()) {
            assertEquals(f, Detectors.factory(f.kind().toUpperCase(java.util.Locale.ROOT)));
            assertTrue(!f.displayName().isBlank() && !f.description().isBlank(), f.kind());
        }
    }

    @Test
    void unknownKindListsTheKnownOnes() {
        var e = assertThrows(InvalidArgumentException.class, () -> Detectors.factory("ocgim"));
        assertTrue(e.getMessage().contains("'ocgim'"), e.getMessage());
        for (String kind : Detectors.kinds()) {
            assertTrue(e.getMessage().contains(kind), e.getMessage());
        }
    }

    @Test
    void everyConfigRoundTripsThroughItsMapAndKeepsTheOptionOrder() {
        for (DetectorFactory f : Detectors.all()) {
            DetectorConfig defaults = f.config(Map.of());
            assertEquals(f.kind(), defaults.kind());
            assertEquals(defaults, f.config(defaults.toMap()), f.kind());
            assertEquals(
                    f.options().stream().map(DetectorOption::key).toList(),
                    List.copyOf(defaults.toMap().keySet()),
                    f.kind());
            for (DetectorOption o : f.options()) {
                assertEquals(o.defaultValue(), defaults.toMap().get(o.key()), f.kind() + o.key());
            }
        }
    }

    @Test
    void gnnDefaultsAreTheOnesThatMadeTheFigures() {
        for (String kind : List.of("ocgin", "gae")) {
            Map<String, String> m = Detectors.factory(kind).config(Map.of()).toMap();
            assertEquals("32", m.get("hidden"));
            assertEquals("3", m.get("layers"));
            assertEquals("sum", m.get("aggregation"));
            assertEquals("40", m.get("epochs"));
            assertEquals("8", m.get("patience"));
            assertEquals(Integer.toString(TrainingConfig.DEFAULTS.batchSize()), m.get("batchSize"));
        }
        assertEquals("4", Detectors.factory("gae").config(Map.of()).toMap().get("latent"));
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        DetectorFactory ocgin = Detectors.factory("ocgin");
        var e1 =
                assertThrows(
                        InvalidArgumentException.class, () -> ocgin.config(Map.of("latnet", "8")));
        assertTrue(e1.getMessage().contains("'latnet'"), e1.getMessage());
        assertTrue(e1.getMessage().contains("hidden, layers, aggregation"), e1.getMessage());
        var e2 =
                assertThrows(
                        InvalidArgumentException.class, () -> ocgin.config(Map.of("hidden", "0")));
        assertTrue(e2.getMessage().contains("hidden='0'"), e2.getMessage());
        assertTrue(e2.getMessage().contains("[1, 4096]"), e2.getMessage());
        var e3 =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> ocgin.config(Map.of("aggregation", "max")));
        assertTrue(e3.getMessage().contains("sum, mean"), e3.getMessage());
        var e4 =
                assertThrows(
                        InvalidArgumentException.class, () -> ocgin.config(Map.of("lr", "fast")));
        assertTrue(e4.getMessage().contains("lr='fast'"), e4.getMessage());
        var e5 =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> Detectors.create("size", Map.of("epochs", "3"), Device.cpu()));
        assertTrue(e5.getMessage().contains("valid options are none"), e5.getMessage());
    }

    @Test
    void createHonoursTheSettings() {
        try (AnomalyDetector d =
                Detectors.create(
                        "gae", Map.of("latent", "8", "aggregation", "MEAN"), Device.cpu())) {
            assertEquals("gae", d.kind());
            assertEquals("8", d.config().toMap().get("latent"));
            assertEquals("mean", d.config().toMap().get("aggregation"));
        }
        DetectorConfig ocgin = Detectors.factory("ocgin").config(Map.of());
        var e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> Detectors.factory("gae").create(ocgin, Device.cpu()));
        assertTrue(e.getMessage().contains("GaeConfig"), e.getMessage());
    }
}
