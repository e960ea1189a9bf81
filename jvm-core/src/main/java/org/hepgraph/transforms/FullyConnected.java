package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;

/**
 * Every ordered pair of real particles in a jet: edges {@code j → i} for all {@code i ≠ j}, so a
 * jet with {@code n} particles has {@code n(n − 1)} edges ({@code n²} with {@code optLoop(true)}).
 * Sorted by (jet, centre, neighbour). Needs no particular feature names (unless the node features
 * do). Shapes: out {@code x [N, F_out]}, {@code edgeIndex [2, E]}. Options: see {@link
 * JetGraphBuilder}.
 */
public final class FullyConnected extends JetGraphBuilder<FullyConnected> {

    private FullyConnected(Options options) {
        super(options);
    }

    /** A fully connected builder without self loops and with {@link JetNodeFeatures#RAW}. */
    public static FullyConnected create() {
        return new FullyConnected(Options.DEFAULT);
    }

    @Override
    FullyConnected with(Options newOptions) {
        return new FullyConnected(newOptions);
    }

    @Override
    String name() {
        return "FullyConnected";
    }

    @Override
    NDArray[] edges(JetCloud cloud) {
        return new NDArray[] {cloud.pairMask(options.loop()), cloud.allSlots()};
    }

    @Override
    public String toString() {
        return "FullyConnected(" + optionsString() + ")";
    }
}
