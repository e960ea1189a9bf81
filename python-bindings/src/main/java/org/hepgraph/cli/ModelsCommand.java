package org.hepgraph.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Detectors;
import picocli.CommandLine.Command;

/** Lists every registered detector kind with its options and their defaults. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "List the detector kinds (--model KIND) and their options (--set KEY=VALUE).")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintStream out = System.out;
        for (DetectorFactory f : Detectors.all()) {
            out.printf("%s  (%s)%n  %s%n", f.kind(), f.displayName(), f.description());
            if (f.options().isEmpty()) {
                out.println("  no options");
            }
            int width =
                    f.options().stream()
                            .mapToInt(o -> o.key().length() + o.defaultValue().length() + 1)
                            .max()
                            .orElse(0);
            for (DetectorOption o : f.options()) {
                String kv = o.key() + "=" + o.defaultValue();
                out.printf("    %-" + width + "s  %s%n", kv, o.description());
            }
            out.println();
        }
        return 0;
    }
}
