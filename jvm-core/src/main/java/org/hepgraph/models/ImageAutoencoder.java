package org.hepgraph.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.datasets.ImageLayout;

/**
 * A small convolutional autoencoder on images, the classic baseline of anomaly detection on jet
 * images (Heimel et al., SciPost Phys. 6, 030 (2019); Farina et al., PRD 101, 075021 (2020)):
 *
 * <pre>
 *   encoder: Conv(C → f, 3×3, stride 2, pad 1) → ReLU → Conv(f → 2f, 3×3, stride 2, pad 1) → ReLU
 *            → flatten → Linear(latent)
 *   decoder: Linear(hidden) → ReLU → Linear(H·W·C)
 *   loss(image) = score(image) = mean over pixels and channels of (x̂ − x)²
 * </pre>
 *
 * Input: an image data set ({@link ImageLayout}): one node per graph, {@code x [B, H·W·C]},
 * reshaped to {@code [B, C, H, W]}. Pixels are used as given (jet images are pT-normalised, each
 * summing to 1), not standardised per pixel: a pixel that is almost always empty would otherwise
 * weigh as much as the core. A batch with more nodes than graphs (a graph data set) is refused.
 */
public final class ImageAutoencoder extends GraphAnomalyModel {

    private final ImageLayout layout;
    private final int latent;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    /**
     * @param layout the images' height, width and channels ({@code H·W·C} node features)
     * @param filters channels of the first convolution (the second has twice as many)
     * @param latent width of the bottleneck
     * @param hidden width of the decoder's hidden layer
     */
    public ImageAutoencoder(ImageLayout layout, int filters, int latent, int hidden) {
        super(layout.size());
        this.layout = layout;
        this.latent = latent;
        encoder =
                addChildBlock(
                        "encoder",
                        new SequentialBlock()
                                .add(conv(filters))
                                .add(Activation.reluBlock())
                                .add(conv(2 * filters))
                                .add(Activation.reluBlock())
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(latent).build()));
        decoder =
                addChildBlock(
                        "decoder",
                        new SequentialBlock()
                                .add(Linear.builder().setUnits(hidden).build())
                                .add(Activation.reluBlock())
                                .add(Linear.builder().setUnits(layout.size()).build()));
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    public ImageLayout layout() {
        return layout;
    }

    @Override
    public NDArray lossPerGraph(ParameterStore ps, GraphBatch batch, boolean training) {
        if (batch.numNodes() != batch.numGraphs()) {
            throw new InvalidGraphException(
                    String.format(
                            "ImageAutoencoder: the batch has %d nodes in %d graphs, but an image"
                                    + " set has one node (the image) per graph; open images with"
                                    + " images:FILE or jetimages:URI",
                            batch.numNodes(), batch.numGraphs()));
        }
        NDArray x = batch.x();
        NDArray images = layout.toNchw(x);
        NDArray z = encoder.forward(ps, new NDList(images), training).singletonOrThrow();
        NDArray out = decoder.forward(ps, new NDList(z), training).singletonOrThrow();
        return out.sub(x).square().mean(new int[] {1});
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(
                manager,
                dataType,
                new Shape(1, layout.channels(), layout.height(), layout.width()));
        decoder.initialize(manager, dataType, new Shape(1, latent));
    }
}
