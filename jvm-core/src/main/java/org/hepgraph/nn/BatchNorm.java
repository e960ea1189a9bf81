package org.hepgraph.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Batch normalisation over the rows of {@code x [N, C]}, as PyTorch's {@code BatchNorm1d} inside
 * PyG's {@code BatchNorm} (what {@code MLP(norm="batch_norm")} applies):
 *
 * <pre>
 *   x' = (x − μ) / sqrt(σ² + ε) ⊙ γ + β,   ε = 1e-5
 * </pre>
 *
 * In training {@code μ, σ²} are the batch's mean and biased variance, and the running statistics
 * move by {@code r ← (1 − m) r + m s} with {@code m = 0.1} (the variance unbiased, as PyTorch); in
 * inference the running statistics are used. Written out rather than DJL's {@code BatchNorm}
 * because that one takes ε as a float, and {@code 1e-5f} differs from PyTorch's {@code 1e-5} by
 * enough (1e-12 on a float64 output) to break float64 parity. Parameters keep DJL's names: {@code
 * gamma}, {@code beta}, {@code runningMean}, {@code runningVar} ({@code [C]}, initialised to 1, 0,
 * 0, 1), and its saved form is DJL's (version 2, the input shapes and the width), so models saved
 * with DJL's block load into this one.
 */
public final class BatchNorm extends AbstractBlock {

    /** DJL's BatchNorm encoding version, whose saved form this block reads and writes. */
    private static final byte VERSION = 2;

    private static final double EPS = 1e-5;
    private static final double MOMENTUM = 0.1;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /** A batch norm whose width is set by the input at initialisation. */
    public BatchNorm() {
        super(VERSION);
        gamma = addParameter(parameter("gamma", Parameter.Type.GAMMA, Initializer.ONES, true));
        beta = addParameter(parameter("beta", Parameter.Type.BETA, Initializer.ZEROS, true));
        runningMean =
                addParameter(
                        parameter(
                                "runningMean",
                                Parameter.Type.RUNNING_MEAN,
                                Initializer.ZEROS,
                                false));
        runningVar =
                addParameter(
                        parameter(
                                "runningVar", Parameter.Type.RUNNING_VAR, Initializer.ONES, false));
    }

    private static Parameter parameter(
            String name, Parameter.Type type, Initializer init, boolean grad) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optInitializer(init)
                .optRequiresGrad(grad)
                .build();
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape width = new Shape(inputShapes[0].get(1));
        for (Parameter p : new Parameter[] {gamma, beta, runningMean, runningVar}) {
            p.setShape(width);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray rm = ps.getValue(runningMean, x.getDevice(), training);
        NDArray rv = ps.getValue(runningVar, x.getDevice(), training);
        NDArray mean;
        NDArray var;
        if (training) {
            mean = x.mean(new int[] {0});
            var = x.sub(mean).square().mean(new int[] {0});
            long n = x.getShape().get(0);
            // Scalars on x's (per-batch) manager: the running statistics live in the model's
            // long-lived one, which must not collect a pair of arrays per step.
            NDArray m = Layers.scalar(x, MOMENTUM);
            NDArray keep = Layers.scalar(x, 1 - MOMENTUM);
            NDArray unbiased =
                    var.stopGradient().mul(Layers.scalar(var, n / (double) Math.max(1, n - 1)));
            rm.muli(keep).addi(mean.stopGradient().mul(m));
            rv.muli(keep).addi(unbiased.mul(m));
        } else {
            mean = rm;
            var = rv;
        }
        // ε first: a result belongs to the left operand's manager, and in inference var is the
        // running variance, whose manager is the model's long-lived one.
        NDArray out = x.sub(mean).div(Layers.scalar(x, EPS).add(var).sqrt());
        return new NDList(
                out.mul(ps.getValue(gamma, x.getDevice(), training))
                        .add(ps.getValue(beta, x.getDevice(), training)));
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(gamma.getArray().getShape().get(0));
    }

    @Override
    public void loadMetadata(byte version, DataInputStream is)
            throws IOException, MalformedModelException {
        if (version == 2) {
            readInputShapes(is);
        } else if (version != 1) {
            throw new MalformedModelException(
                    "BatchNorm: unsupported encoding version " + version + " (1 or 2 expected)");
        }
        is.readLong(); // the width, known again from the parameters' shapes
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
