package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;

/**
 * The options every particle-cloud graph builder shares, as immutable values: each {@code optX}
 * returns a new builder.
 *
 * <ul>
 *   <li>{@code optLoop(boolean)}, default {@code false}: also connect every particle to itself.
 *   <li>{@code optNodeFeatures(NodeFeatures)}, default {@link JetNodeFeatures#RAW}: what {@code x}
 *       holds.
 *   <li>{@code optSkipEmpty(boolean)}, default {@code false}: a jet with 0 particles raises an
 *       {@code InvalidGraphException} naming the jet; with {@code true} such jets are dropped, so
 *       the batch then has fewer graphs than there are jets.
 * </ul>
 *
 * @param <T> the concrete builder, so that options chain without casts
 */
public abstract sealed class JetGraphBuilder<T extends JetGraphBuilder<T>> implements GraphBuilder
        permits KnnGraph, RadiusGraph, FullyConnected {

    /** The shared options. */
    record Options(boolean loop, NodeFeatures nodeFeatures, boolean skipEmpty) {
        static final Options DEFAULT = new Options(false, JetNodeFeatures.RAW, false);
    }

    final Options options;

    JetGraphBuilder(Options options) {
        this.options = options;
    }

    /** A copy of this builder with other shared options. */
    abstract T with(Options newOptions);

    /**
     * Chooses the edges of one chunk.
     *
     * @return {@code select [B, P, K]} boolean and {@code neighbour [B, P, K]} int64 slots: edge
     *     {@code neighbour[b, i, s] → i} exists where {@code select[b, i, s]}
     */
    abstract NDArray[] edges(JetCloud cloud);

    /** The class name used in error messages. */
    abstract String name();

    public T optLoop(boolean loop) {
        return with(new Options(loop, options.nodeFeatures(), options.skipEmpty()));
    }

    public T optNodeFeatures(NodeFeatures nodeFeatures) {
        Objects.requireNonNull(nodeFeatures, "nodeFeatures");
        return with(new Options(options.loop(), nodeFeatures, options.skipEmpty()));
    }

    public T optSkipEmpty(boolean skipEmpty) {
        return with(new Options(options.loop(), options.nodeFeatures(), skipEmpty));
    }

    @Override
    public final GraphBatch build(NDManager manager, PaddedParticles jets) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(jets, "jets");
        try (NDManager scope = manager.newSubManager()) {
            JetCloud cloud = JetCloud.of(scope, jets, options.skipEmpty(), name());
            NDArray[] chosen = edges(cloud);
            return cloud.assemble(manager, chosen[0], chosen[1], options.nodeFeatures());
        }
    }

    String optionsString() {
        return String.format(
                "loop=%s, nodeFeatures=%s, skipEmpty=%s",
                options.loop(), options.nodeFeatures(), options.skipEmpty());
    }
}
