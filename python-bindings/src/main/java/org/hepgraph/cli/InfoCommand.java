package org.hepgraph.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints what a saved model is: kind, config, graph recipe, provenance (no weights loaded). */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Print a saved model's kind, config, graph recipe and provenance.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model saved by 'train'.")
    Path model;

    @Override
    public Integer call() throws Exception {
        OutputFiles.checkReadableFile(
                model, "info: model file", "give a file written by 'hepgraph train -o FILE'");
        Map<String, String> meta;
        try (InputStream in = Files.newInputStream(model)) {
            meta = DetectorIO.readMetadata(in, model.toString());
        }
        Map<String, String> config = new TreeMap<>();
        Map<String, String> recipe = new TreeMap<>();
        Map<String, String> provenance = new TreeMap<>();
        meta.forEach(
                (k, v) -> {
                    if (k.equals("config.kind")) {
                        return; // printed on its own line
                    }
                    if (k.startsWith("config.")) {
                        config.put(k.substring("config.".length()), v);
                    } else if (k.startsWith(GraphRecipe.PREFIX)
                            || k.startsWith("provenance." + GraphRecipe.PREFIX)) {
                        recipe.put(k.substring(k.indexOf(GraphRecipe.PREFIX) + 7), v);
                    } else {
                        provenance.put(k.replaceFirst("^provenance\\.", ""), v);
                    }
                });
        StringBuilder sb = new StringBuilder();
        sb.append("model:  ").append(model.toAbsolutePath()).append('\n');
        sb.append("kind:   ").append(meta.getOrDefault("config.kind", "unknown")).append('\n');
        section(sb, "config", config);
        if (recipe.isEmpty()) {
            sb.append("recipe: none stored (a model saved before graph recipes existed)\n");
        } else {
            section(sb, "recipe", recipe);
        }
        section(sb, "provenance", provenance);
        System.out.print(sb);
        return 0;
    }

    private static void section(StringBuilder sb, String title, Map<String, String> entries) {
        sb.append(title).append(":\n");
        entries.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
    }
}
