package org.hepgraph.io.hdf5;

import io.jhdf.api.Dataset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One file of the ADC2021 layout (the LHC Olympics-style Anomaly Detection Challenge 2021): {@code
 * Particles} float {@code [N, 19, 4]}, last axis {@code [pT, η, φ, class id]}; optional integer
 * {@code labels [N]}; other 1-D integer datasets of {@code N} entries (e.g. {@code process}) are id
 * columns. The object count (19 in the official files) is read from the shape.
 */
final class Adc2021File implements AutoCloseable {

    static final String PARTICLES = "Particles";
    static final String LABELS = "labels";

    final H5File f;
    final Dataset particles;
    final Dataset labels;
    final Map<String, Dataset> ids = new LinkedHashMap<>();
    final int rows;
    final int objects;

    Adc2021File(H5File f) {
        this.f = f;
        particles =
                f.dataset(
                        PARTICLES,
                        "the ADC2021 layout stores events as a float dataset 'Particles' [N, 19,"
                                + " 4] (pT, eta, phi, class id)");
        int[] dims =
                f.shape(
                        particles,
                        3,
                        "[N, 19, 4] = [events, objects (MET, 4 e, 4 mu, 10 jets), (pT, eta, phi,"
                                + " class id)]");
        if (dims[2] != 4) {
            throw f.error(
                    PARTICLES,
                    "has " + dims[2] + " values per object (shape " + Arrays.toString(dims) + ")",
                    "the last axis must be the 4 columns [pT, eta, phi, class id]");
        }
        if (dims[1] == 0) {
            throw f.error(PARTICLES, "has 0 objects per event", "write [N, 19, 4]");
        }
        f.checkFloat(particles);
        rows = dims[0];
        objects = dims[1];
        labels = f.optional(LABELS);
        if (labels != null) {
            int[] l = labels.getDimensions();
            // [N] or [N, 1] (a column, as Keras-style code saves labels)
            if (!(l.length == 1 || l.length == 2 && l[1] == 1) || l[0] != rows) {
                throw f.error(
                        LABELS,
                        "has shape " + Arrays.toString(l) + " but Particles has " + rows + " rows",
                        "write one integer label per event, shape [" + rows + "]");
            }
            if (!H5File.isInteger(labels) && !H5File.isBoolean(labels)) {
                f.checkFloat(labels);
            }
        }
        for (String name : f.datasetNames()) {
            Dataset ds = f.optional(name);
            if (name.contains("/")
                    || name.equals(PARTICLES)
                    || name.equals(LABELS)
                    || !H5File.isInteger(ds)
                    || ds.getDimensions().length != 1
                    || ds.getDimensions()[0] != rows) {
                continue;
            }
            ids.put(name, ds);
        }
    }

    @Override
    public void close() {
        f.close();
    }
}
