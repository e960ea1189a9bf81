package org.hepgraph.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import picocli.CommandLine.Option;

/**
 * Detector settings shared by the subcommands (picocli mixin): {@code --set key=value} for any
 * option a kind declares ({@code hepgraph models} lists them), {@code --epochs} as a shorthand for
 * {@code --set epochs=N}, and {@code --seed}, which seeds the data split and, unless {@code --set
 * seed=} says otherwise, the detector. Nothing here knows any detector kind.
 */
final class DetectorOptions {

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A detector option, repeatable, e.g. --set hidden=64 --set lr=0.0005 (see"
                            + " 'hepgraph models' for every kind's options and defaults).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(
            names = "--epochs",
            description = "Shorthand for --set epochs=N (default: the detector's, see 'models').")
    Integer epochs;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description =
                    "Seed of the data split and, unless --set seed= is given, of the detector"
                            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    /**
     * The settings for {@code factory}: {@code suggested} (e.g. the dataset's aggregation), then
     * {@code --seed} and {@code --epochs}, each only for options the kind declares, then every
     * {@code --set}.
     *
     * @param strict pass on {@code --set} keys the kind does not declare (so the factory names
     *     them); when false (several kinds at once) such keys are skipped for this kind
     */
    Map<String, String> settings(
            DetectorFactory factory, Map<String, String> suggested, boolean strict) {
        Set<String> declared =
                factory.options().stream().map(DetectorOption::key).collect(Collectors.toSet());
        Map<String, String> out = new LinkedHashMap<>();
        suggested.forEach(
                (k, v) -> {
                    if (declared.contains(k)) {
                        out.put(k, v);
                    }
                });
        if (declared.contains("seed")) {
            out.put("seed", Long.toString(seed));
        }
        if (epochs != null && declared.contains("epochs")) {
            out.put("epochs", Integer.toString(epochs));
        }
        set.forEach(
                (k, v) -> {
                    if (strict || declared.contains(k)) {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
