package org.hepgraph.io.hdf5;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.io.FileUri;
import org.hepgraph.io.SourceOptions;

/**
 * {@code adc2021:FILE} — events of the ADC2021 layout (the official files load as they are) as
 * graphs: every object that is not padding is a node ({@link Adc2021Graphs}: pT, η, φ, one-hot
 * class), fully connected by default or kNN in ΔR.
 *
 * <p>Options (URI {@code adc2021:background.h5?signal=Ato4l.h5,leptoquark.h5&k=4}, or the caller's
 * map): {@code k} (default 0: fully connected; k ≥ 1: kNN in ΔR), {@code node_features} ({@code
 * raw}, the default, or {@code log_pt}), {@code signal} (comma-separated files of the same layout
 * appended after FILE: one labelled data set, 0 for FILE's rows and 1 for the signal files' rows,
 * unless a file has its own integer {@code labels} dataset). Row ids are each event's row in its
 * own file; with signal files the id column {@code file} (0 = FILE, i = the i-th signal file)
 * traces a row back to its file. Streams in chunks ({@link #openChunked}).
 */
public final class Adc2021Source implements ChunkedDatasetSource {

    private static final Set<String> KEYS = Set.of("k", "node_features", "signal", "rows");

    @Override
    public String scheme() {
        return "adc2021";
    }

    @Override
    public String description() {
        return "adc2021:FILE[?signal=A.h5,B.h5&k=0]  ADC2021 events (Particles [N, 19, 4]) as"
                + " graphs";
    }

    @Override
    public Adc2021Chunks openChunked(String location, Map<String, String> options) {
        FileUri u = FileUri.parse(scheme(), location, options, KEYS, "background.h5");
        SourceOptions o = u.options();
        int k =
                o.integer(
                        "k",
                        0,
                        0,
                        "give 0 for fully connected events or the number of kNN neighbours in"
                                + " ΔR, e.g. k=4");
        String nf = o.string("node_features", "raw").toLowerCase(Locale.ROOT);
        if (!nf.equals("raw") && !nf.equals("log_pt")) {
            throw new InvalidArgumentException(
                    u.uri()
                            + ": node_features = '"
                            + nf
                            + "' is not known for ADC2021 events; use raw (pt, eta, phi,"
                            + " class one-hot) or log_pt (log(1 + pT) instead of pT)");
        }
        List<Path> paths = new ArrayList<>(List.of(u.file()));
        String signal = o.string("signal", null);
        if (signal != null) {
            for (String s : signal.split(",")) {
                if (s.isBlank()) {
                    throw new InvalidArgumentException(
                            u.uri()
                                    + ": signal = '"
                                    + signal
                                    + "' holds an empty file name; write signal=A.h5,B.h5");
                }
                paths.add(Path.of(s.trim()));
            }
        }
        List<Adc2021File> files = new ArrayList<>();
        try {
            for (Path p : paths) {
                H5File f = H5File.open(u.uri(), p);
                try {
                    files.add(new Adc2021File(f));
                } catch (RuntimeException e) {
                    f.close();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            files.forEach(Adc2021File::close);
            throw e;
        }
        try {
            return new Adc2021Chunks(
                    u.uri(), files, k, nf.equals("log_pt"), o.string("rows", null));
        } catch (RuntimeException e) {
            files.forEach(Adc2021File::close);
            throw e;
        }
    }
}
