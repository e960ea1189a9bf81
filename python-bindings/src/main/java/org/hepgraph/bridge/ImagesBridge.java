package org.hepgraph.bridge;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.ImageLayout;
import org.hepgraph.io.exchange.TensorIpc;
import org.hepgraph.train.Devices;
import org.hepgraph.transforms.JetImages;

/**
 * Python's {@code hepgraph.images.java_jet_images}: {@link JetImages} over padded particles that
 * Python hands over as data-plane tensor files ({@code particles [B, P, F]} float32, features named
 * by {@code featureNames}, and {@code counts [B]} int32); the images go back as a tensor file
 * {@code [B, pixels, pixels]} float32. Nothing is re-implemented here: the Python tests compare
 * these images with the numpy reference {@code hepgraph.images.jet_images}.
 */
public final class ImagesBridge {

    private final BufferAllocator allocator;

    ImagesBridge(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * What Python needs to see an image data set ({@link ImageLayout}) as images, as JSON: {@code
     * height}, {@code width}, {@code channels} and the file's {@code rowIds}; refuses a graph set.
     */
    public String imageSetJson(Dataset d) {
        ImageLayout layout = ImageLayout.of(d.recipe());
        if (layout == null) {
            throw new InvalidArgumentException(
                    "hepgraph.images.open_images: "
                            + d.uri()
                            + " holds graphs ("
                            + d.recipe().nodeFeatures()
                            + " node features), not images; open images:FILE or jetimages:URI");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", layout.height());
        m.put("width", layout.width());
        m.put("channels", layout.channels());
        m.put("rowIds", d.rowIds());
        return Json.write(m);
    }

    /**
     * Writes the jet images of the particles at {@code valuesPath} to {@code outPath}.
     *
     * @param featureNames the names of the particles' last axis, comma separated (e.g. {@code
     *     pt,eta,phi,e})
     */
    public void jetImages(
            String valuesPath,
            String countsPath,
            String featureNames,
            int pixels,
            double radius,
            String outPath) {
        String who = "hepgraph.images.java_jet_images";
        JetImages images = JetImages.create().optPixels(pixels).optRadius(radius);
        List<String> names = Arrays.stream(featureNames.split(",", -1)).map(String::trim).toList();
        PaddedParticles jets =
                TensorArgs.particles(who, valuesPath, countsPath, null, names, allocator);
        float[] out;
        try (NDManager m = NDManager.newBaseManager(Devices.preferred())) {
            out = images.toArray(m, jets);
        }
        ByteBuffer b =
                ByteBuffer.allocateDirect(out.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(out);
        TensorIpc.write(
                b, DataType.FLOAT32, new long[] {jets.numJets(), pixels, pixels}, Path.of(outPath));
    }
}
