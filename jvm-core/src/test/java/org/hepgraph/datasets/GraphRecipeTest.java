package org.hepgraph.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.junit.jupiter.api.Test;

class GraphRecipeTest {

    private static final List<String> JET =
            List.of("deta", "dphi", "log_pt", "log_e", "log_pt_rel", "log_e_rel", "delta_r");

    @Test
    void roundTripsThroughMetadataWithOrWithoutAWriterPrefix() {
        GraphRecipe r = new GraphRecipe("h5", "h5:jets.h5", 16, "relative", JET);
        assertEquals(Optional.of(r), GraphRecipe.fromMap(r.toMap()));
        Map<String, String> prefixed = new LinkedHashMap<>();
        r.toMap().forEach((k, v) -> prefixed.put("provenance." + k, v));
        prefixed.put("config.kind", "ocgin");
        assertEquals(Optional.of(r), GraphRecipe.fromMap(prefixed));
        assertEquals("16", r.toMap().get("recipe.k"));
        assertEquals("7", r.toMap().get("recipe.width"));
        assertEquals(Optional.empty(), GraphRecipe.fromMap(Map.of("config.kind", "gae")));
    }

    @Test
    void inconsistentStoredRecipesAreReportedAsCorruptModels() {
        Map<String, String> m =
                new LinkedHashMap<>(
                        new GraphRecipe("tu", "tu:A", 0, "tu-onehot", List.of("a", "b")).toMap());
        m.put("recipe.width", "3");
        assertThrows(ModelFormatException.class, () -> GraphRecipe.fromMap(m));
        m.put("recipe.width", "x");
        assertThrows(ModelFormatException.class, () -> GraphRecipe.fromMap(m));
    }

    @Test
    void dataBuiltTheSameWayIsAcceptedFromAnotherFile() {
        GraphRecipe model = new GraphRecipe("toy", "toy", 16, "relative", JET);
        model.checkCompatible(new GraphRecipe("h5", "h5:mine.h5", 16, "relative", JET), "m");
    }

    @Test
    void anotherKIsRefusedNamingBoth() {
        GraphRecipe model = new GraphRecipe("toy", "toy", 16, "relative", JET);
        String msg =
                assertThrows(
                                InvalidArgumentException.class,
                                () ->
                                        model.checkCompatible(
                                                new GraphRecipe("h5", "h5:f", 8, "relative", JET),
                                                "m.hgmodel"))
                        .getMessage();
        assertTrue(
                msg.contains("m.hgmodel")
                        && msg.contains("k = 16")
                        && msg.contains("h5:f was built with k = 8")
                        && msg.contains("--k 16"),
                msg);
    }

    @Test
    void anotherLayoutIsRefusedNamingBoth() {
        GraphRecipe aids =
                new GraphRecipe("tu", "tu:AIDS", 0, "tu-onehot", List.of("label=0", "label=1"));
        GraphRecipe mutag =
                new GraphRecipe(
                        "tu", "tu:MUTAG", 0, "tu-onehot", List.of("label=0", "label=1", "label=2"));
        String msg =
                assertThrows(InvalidArgumentException.class, () -> aids.checkCompatible(mutag, "m"))
                        .getMessage();
        assertTrue(
                msg.contains("tu:AIDS with 2 tu-onehot")
                        && msg.contains("tu:MUTAG has 3 tu-onehot"),
                msg);
        GraphRecipe raw =
                new GraphRecipe("toy", "toy", 16, "raw", List.of("pt", "eta", "phi", "e"));
        assertThrows(
                InvalidArgumentException.class,
                () -> new GraphRecipe("toy", "toy", 16, "relative", JET).checkCompatible(raw, "m"));
    }
}
