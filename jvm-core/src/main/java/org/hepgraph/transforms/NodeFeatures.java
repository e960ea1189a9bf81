package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * How a graph builder turns padded particles into node features, in batched NDArray code.
 *
 * <p>Input {@code values [B, P, F]} float32 (padding rows are zero), {@code mask [B, P]} boolean
 * (true for real particles) and the names of the {@code F} input features. Output {@code [B, P,
 * F_out]} float32; rows of padding may hold anything (even NaN or -inf): the builder drops them.
 * See {@link JetNodeFeatures} for the built-in choices.
 */
public interface NodeFeatures {

    /**
     * Computes node features for every particle slot.
     *
     * @param values {@code [B, P, F]} particle features
     * @param mask {@code [B, P]} boolean, true for real particles
     * @param featureNames names of the {@code F} input features, e.g. {@code [pt, eta, phi, e]}
     * @return {@code [B, P, F_out]} float32
     */
    NDArray compute(NDArray values, NDArray mask, List<String> featureNames);

    /** The names of the output features, given the input feature names. */
    List<String> outputNames(List<String> featureNames);
}
