package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * PyG's {@code LayerNorm} in its default graph mode without a batch vector, which is what {@code
 * MLP(norm="layer_norm")} applies inside a layer: the whole input is one sample,
 *
 * <pre>
 *   x' = (x − mean(x)) / (std(x) + ε) ⊙ γ + β,   ε = 1e-5
 * </pre>
 *
 * with the mean and the (biased) standard deviation over all entries of {@code x [N, C]} and {@code
 * γ, β [C]} learned (initialised to 1 and 0).
 */
public final class LayerNorm extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final double EPS = 1e-5;

    private final Parameter weight;
    private final Parameter bias;

    /** A layer norm whose width is set by the input at initialisation. */
    public LayerNorm() {
        super(VERSION);
        weight = addParameter(parameter("weight", Parameter.Type.GAMMA, Initializer.ONES));
        bias = addParameter(parameter("bias", Parameter.Type.BETA, Initializer.ZEROS));
    }

    private static Parameter parameter(String name, Parameter.Type type, Initializer init) {
        return Parameter.builder().setName(name).setType(type).optInitializer(init).build();
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape width = new Shape(inputShapes[0].get(inputShapes[0].dimension() - 1));
        weight.setShape(width);
        bias.setShape(width);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray centred = x.sub(x.mean());
        NDArray std = centred.square().mean().sqrt();
        NDArray out = centred.div(std.add(Layers.scalar(x, EPS)));
        return new NDList(
                out.mul(ps.getValue(weight, x.getDevice(), training))
                        .add(ps.getValue(bias, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
