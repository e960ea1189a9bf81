package org.hepgraph.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Chooses the device once: {@code HEPGRAPH_DEVICE} (env) or {@code hepgraph.device} (system
 * property) when set to {@code cpu} or {@code gpu}, else the first GPU the engine reports, else the
 * CPU. Nothing else in hepgraph names a device.
 */
public final class Devices {

    private Devices() {}

    public static Device preferred() {
        String wanted = System.getProperty("hepgraph.device", System.getenv("HEPGRAPH_DEVICE"));
        int gpus = Engine.getInstance().getGpuCount();
        if (wanted == null || wanted.isBlank()) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        return switch (wanted.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (gpus == 0) {
                    throw new InvalidArgumentException(
                            "Devices: HEPGRAPH_DEVICE=gpu but the engine sees no GPU; unset it "
                                    + "or point DJL at a CUDA libtorch (PYTORCH_LIBRARY_PATH)");
                }
                yield Device.gpu();
            }
            default ->
                    throw new InvalidArgumentException(
                            "Devices: HEPGRAPH_DEVICE='" + wanted + "' is neither 'cpu' nor 'gpu'");
        };
    }
}
