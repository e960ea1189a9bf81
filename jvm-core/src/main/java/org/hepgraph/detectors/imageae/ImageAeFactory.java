package org.hepgraph.detectors.imageae;

import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.datasets.ImageLayout;
import org.hepgraph.detectors.gin.GinFactory;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.models.ImageAutoencoder;

/**
 * Registry entry {@code imageae}: {@link ImageAutoencoder} with an {@link ImageAeConfig}, on image
 * data sets ({@link ImageLayout}: one node per image). It trains and scores through the same {@code
 * GinDetector} as the graph kinds (the image is the node's features), so the CLI, the benchmark,
 * model files and Python need nothing new. The image shape comes from the feature width: {@code H·W
 * = features / channels}, square unless {@code height} is set.
 */
public final class ImageAeFactory extends GinFactory<ImageAeConfig> {

    public ImageAeFactory() {
        super(ImageAeConfig.class, ImageAeConfig.OPTIONS, ImageAeConfig::from);
    }

    @Override
    public String kind() {
        return ImageAeConfig.KIND;
    }

    @Override
    public String displayName() {
        return "Image AE";
    }

    @Override
    public String description() {
        return "convolutional autoencoder on images (images:FILE, jetimages:URI); score = mean"
                + " squared reconstruction error of the image's pixels";
    }

    @Override
    public Input input() {
        return Input.IMAGES;
    }

    @Override
    protected GraphAnomalyModel architecture(ImageAeConfig c, int inChannels) {
        return new ImageAutoencoder(layout(c, inChannels), c.filters(), c.latent(), c.hidden());
    }

    /** The image shape of {@code features} values per image under {@code c}. */
    static ImageLayout layout(ImageAeConfig c, int features) {
        int ch = c.channels();
        String fix =
                "open images with images:FILE or jetimages:URI, and set channels (and height for"
                        + " non-square images) to match";
        if (features % ch != 0) {
            throw new InvalidGraphException(
                    String.format(
                            "imageae: %d node features are not a whole number of %d-channel"
                                    + " pixels; %s",
                            features, ch, fix));
        }
        int pixels = features / ch;
        int h = c.height();
        if (h == 0) {
            h = (int) Math.round(Math.sqrt(pixels));
            if (h * h != pixels) {
                throw new InvalidGraphException(
                        String.format(
                                "imageae: %d pixels (%d features / %d channels) do not make a"
                                        + " square image; %s",
                                pixels, features, ch, fix));
            }
        } else if (pixels % h != 0) {
            throw new InvalidGraphException(
                    String.format(
                            "imageae: %d pixels are not a whole number of rows of height %d; %s",
                            pixels, h, fix));
        }
        return new ImageLayout(h, pixels / h, ch);
    }
}
