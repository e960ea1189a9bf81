package org.hepgraph.bridge;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;
import org.hepgraph.metrics.RocCurve;

/**
 * Python's {@code hg.metrics}: {@link RocCurve} over scores and labels handed over as data-plane
 * tensor files ({@code scores [N]} float64, {@code labels [N]} int32), so Python and Java report
 * the same figures.
 */
public final class MetricsBridge {

    private final BufferAllocator allocator;

    MetricsBridge(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** The ROC curve of the scores and labels in the two tensor files. */
    public RocCurve roc(String scoresPath, String labelsPath) {
        String who = "hg.metrics";
        try (MappedTensor s = TensorArgs.map(who, "scores", scoresPath, 1, allocator);
                MappedTensor l = TensorArgs.map(who, "labels", labelsPath, 1, allocator)) {
            return RocCurve.of(
                    TensorArgs.doubles(who, "scores", s), TensorArgs.ints(who, "labels", l));
        }
    }

    /**
     * Writes the curve's points as a float64 tensor {@code [4, K]} to {@code path}: rows FPR, TPR,
     * threshold, SIC ({@link RocCurve#fpr}, {@link RocCurve#tpr}, {@link RocCurve#thresholds},
     * {@link RocCurve#sic}).
     */
    public void writeCurve(RocCurve curve, String path) {
        int k = curve.size();
        ByteBuffer b =
                ByteBuffer.allocateDirect(4 * k * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row :
                new double[][] {curve.fpr(), curve.tpr(), curve.thresholds(), curve.sic()}) {
            for (double v : row) {
                b.putDouble(v);
            }
        }
        b.flip();
        TensorIpc.write(b, DataType.FLOAT64, new long[] {4, k}, Path.of(path));
    }
}
