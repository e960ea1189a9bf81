package org.hepgraph.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hepgraph.data.Graph;
import org.hepgraph.data.JetKinematics;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.io.JetGraphs;
import org.hepgraph.io.OutputFiles;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.report.MarkdownTable;
import org.hepgraph.report.RocPlot;
import org.hepgraph.train.Devices;
import org.hepgraph.train.ProgressListener;
import org.hepgraph.transforms.JetNodeFeatures;
import org.hepgraph.transforms.KnnGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job end to end, on toy jets generated in the JVM (nothing downloaded): QCD-like jets for
 * training, a mix with top-like jets for testing, kNN graphs in ΔR, OCGIN and the graph autoencoder
 * (or the kinds given by --models) trained on background only, a table of AUC and TPR at fixed FPR,
 * and {@code roc.png}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Toy jets -> kNN graphs -> OCGIN and graph AE trained on background -> ROC.")
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--train-jets",
            defaultValue = "6000",
            description = "Background jets to train on (default: ${DEFAULT-VALUE}).")
    int trainJets;

    @Option(
            names = "--test-jets",
            defaultValue = "4000",
            description = "Test jets per class (default: ${DEFAULT-VALUE}).")
    int testJets;

    @Option(
            names = "--k",
            defaultValue = "16",
            description = "Neighbours per particle in ΔR (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--out",
            defaultValue = "hepgraph-out",
            description = "Folder for roc.png and results.md (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--models",
            defaultValue = "ocgin,gae",
            split = ",",
            description = "Detector kinds to train and compare (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Mixin DetectorOptions options;

    @Override
    public Integer call() throws Exception {
        OutputFiles.checkWritableFolder(out, "--out");
        PrintStream log = System.out;
        log.printf(
                Locale.ROOT,
                "hepgraph demo: toy jets (a toy, not a physics simulation), seed %d%n",
                options.seed);
        ToyJets background = ToyJets.builder().optSeed(options.seed).optSignalFraction(0).build();
        PaddedParticles train = background.background(trainJets);
        ToyJets testGen = ToyJets.builder().optSeed(options.seed + 1).build();
        PaddedParticles testBackground = testGen.background(testJets);
        PaddedParticles testSignal = testGen.signal(testJets);

        KnnGraph knn = KnnGraph.deltaR(k).optNodeFeatures(JetNodeFeatures.RELATIVE);
        List<Graph> trainGraphs;
        List<Graph> testGraphs = new ArrayList<>();
        // JetGraphs refuses zero jets and a --k not below the largest jet, as train does.
        trainGraphs = JetGraphs.build("demo --train-jets", train, k, JetNodeFeatures.RELATIVE);
        testGraphs.addAll(
                JetGraphs.build("demo --test-jets", testBackground, k, JetNodeFeatures.RELATIVE));
        testGraphs.addAll(
                JetGraphs.build("demo --test-jets", testSignal, k, JetNodeFeatures.RELATIVE));
        int[] labels = testGraphs.stream().mapToInt(Graph::y).toArray();
        log.printf(
                Locale.ROOT,
                "graphs: %d background jets for training, %d + %d for testing; %s, %d node features%n",
                trainGraphs.size(),
                testBackground.numJets(),
                testSignal.numJets(),
                knn,
                trainGraphs.get(0).numFeatures());

        Map<String, RocCurve> curves = new LinkedHashMap<>();
        for (String kind : models) {
            DetectorFactory f = Detectors.factory(kind);
            Map<String, String> settings =
                    options.settings(f, Map.of("aggregation", "mean"), false);
            try (AnomalyDetector d = Detectors.create(kind, settings, Devices.preferred())) {
                log.printf("training %s on %s%n", f.kind(), Devices.preferred());
                d.fit(trainGraphs, new ProgressListener(System.err, "train " + f.kind()));
                curves.put(f.displayName(), RocCurve.of(d.score(testGraphs), labels));
            }
        }
        curves.put(
                "jet mass (no training)",
                RocCurve.of(
                        concat(JetKinematics.mass(testBackground), JetKinematics.mass(testSignal)),
                        labels));
        curves.put(
                "multiplicity (no training)",
                RocCurve.of(
                        concat(
                                JetKinematics.multiplicity(testBackground),
                                JetKinematics.multiplicity(testSignal)),
                        labels));

        String table = MarkdownTable.rocSummary(curves).render();
        log.println();
        log.println(table);
        Files.createDirectories(out);
        Path png = out.resolve("roc.png");
        RocPlot.write(png, "Toy jets: top-like anomalies vs QCD-like background", curves);
        Files.writeString(out.resolve("results.md"), "# hepgraph demo\n\n" + table + "\n");
        log.println(
                "wrote "
                        + png.toAbsolutePath()
                        + " and "
                        + out.resolve("results.md").toAbsolutePath());
        return 0;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
