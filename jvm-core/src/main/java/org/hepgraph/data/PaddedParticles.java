package org.hepgraph.data;

import java.util.List;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * A set of particle clouds (jets or events), zero-padded to a common length.
 *
 * <p>{@code values [numJets, maxParticles, numFeatures]} row-major float32; jet {@code i} holds
 * {@code counts[i]} real particles in its first rows, the rest are zeros. {@code labels[i]} is the
 * truth label (0 = background, 1 = signal; -1 = unknown). {@code featureNames} names the last axis,
 * e.g. {@code [pt, eta, phi, e]}.
 *
 * <p>The arrays are held as given (no defensive copy, as they can be large): treat them as
 * read-only.
 */
public record PaddedParticles(
        int numJets,
        int maxParticles,
        int numFeatures,
        float[] values,
        int[] counts,
        int[] labels,
        List<String> featureNames) {

    /** The feature order used by the toy generator and the HDF5 jet files. */
    public static final List<String> PT_ETA_PHI_E = List.of("pt", "eta", "phi", "e");

    public PaddedParticles {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(labels, "labels");
        featureNames = List.copyOf(featureNames);
        if (values.length != (long) numJets * maxParticles * numFeatures) {
            throw new InvalidGraphException(
                    String.format(
                            "PaddedParticles: values has %d entries but [%d, %d, %d] needs %d",
                            values.length,
                            numJets,
                            maxParticles,
                            numFeatures,
                            (long) numJets * maxParticles * numFeatures));
        }
        if (counts.length != numJets || labels.length != numJets) {
            throw new InvalidGraphException(
                    String.format(
                            "PaddedParticles: %d jets but %d counts and %d labels; give one "
                                    + "count and one label per jet",
                            numJets, counts.length, labels.length));
        }
        if (featureNames.size() != numFeatures) {
            throw new InvalidGraphException(
                    "PaddedParticles: "
                            + featureNames.size()
                            + " feature names for "
                            + numFeatures
                            + " features");
        }
        for (int i = 0; i < numJets; i++) {
            if (counts[i] < 0 || counts[i] > maxParticles) {
                throw new InvalidGraphException(
                        String.format(
                                "PaddedParticles: jet %d has count %d outside [0, %d]",
                                i, counts[i], maxParticles));
            }
        }
    }

    /** The value of feature {@code f} of particle {@code p} in jet {@code jet}. */
    public float get(int jet, int p, int f) {
        return values[(jet * maxParticles + p) * numFeatures + f];
    }

    /** The jets {@code [from, to)} as a new set (copies the slice). */
    public PaddedParticles slice(int from, int to) {
        if (from < 0 || to > numJets || from > to) {
            throw new InvalidGraphException(
                    "PaddedParticles.slice: ["
                            + from
                            + ", "
                            + to
                            + ") outside [0, "
                            + numJets
                            + ")");
        }
        int row = maxParticles * numFeatures;
        float[] v = new float[(to - from) * row];
        System.arraycopy(values, from * row, v, 0, v.length);
        int[] c = new int[to - from];
        System.arraycopy(counts, from, c, 0, c.length);
        int[] l = new int[to - from];
        System.arraycopy(labels, from, l, 0, l.length);
        return new PaddedParticles(to - from, maxParticles, numFeatures, v, c, l, featureNames);
    }
}
