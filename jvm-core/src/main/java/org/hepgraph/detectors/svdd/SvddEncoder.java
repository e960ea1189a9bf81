package org.hepgraph.detectors.svdd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.nn.GlobalPool;
import org.hepgraph.nn.LayerSpecs;
import org.hepgraph.nn.LayerSpecs.Kind;
import org.hepgraph.nn.LayerSpecs.Step;

/**
 * The encoder of an {@code svdd} detector: the steps of a {@link LayerSpecs} spec run on the raw
 * node features (as the PyG module they came from does; no standardisation), then pooled per graph
 * with the readout unless the spec has its own pool. Its parameters are named as {@code
 * BridgeModel}'s, {@code <step>.<hepgraph name>}, so weights cross by name.
 *
 * <p>The steps are built when the block is initialised ({@link LayerSpecs#parse} needs the
 * manager); as a DJL block its forward pass takes {@code NDList(x, edgeIndex, batch, ptr)} and
 * returns the graph embeddings {@code [B, D]}.
 */
final class SvddEncoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final String spec;
    private final String readout;
    private List<Step> steps;
    private boolean hasPool;
    private final Map<String, Parameter> named = new LinkedHashMap<>();

    SvddEncoder(String spec, String readout) {
        super(VERSION);
        this.spec = spec;
        this.readout = readout;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        if (steps != null) {
            return;
        }
        steps = LayerSpecs.parse(spec, manager);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            hasPool |= s.kind() == Kind.POOL;
            if (s.block() != null) {
                addChildBlock("step" + i, s.block());
                for (Pair<String, Parameter> p : s.block().getParameters()) {
                    named.put(i + "." + p.getKey(), p.getValue());
                }
            }
        }
    }

    /** The parameters by {@code BridgeModel}'s names, in order (empty before initialisation). */
    Map<String, Parameter> named() {
        return named;
    }

    /** Graph embeddings {@code [B, D]}. */
    NDArray embed(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray x = batch.x();
        for (Step s : steps) {
            x = s.apply(ps, x, batch.edgeIndex(), batch.batch(), batch.numGraphs(), training);
        }
        if (hasPool) {
            return x;
        }
        return switch (readout) {
            case "mean" -> GlobalPool.mean(x, batch);
            case "max" -> GlobalPool.max(x, batch);
            default -> GlobalPool.add(x, batch);
        };
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(embed(ps, GraphBatch.fromBlockInputs(inputs), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(-1, -1)};
    }
}
