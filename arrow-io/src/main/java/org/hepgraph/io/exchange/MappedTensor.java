package org.hepgraph.io.exchange;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/**
 * A tensor over a memory-mapped Arrow IPC file ({@link TensorIpc#map}): {@link #buffer()} and
 * {@link #toNDArray} are views of the file (no copy) and see writes made to it by any process.
 * Close every NDArray made from it before {@link #close()} unmaps.
 */
public final class MappedTensor extends MappedView {

    private final long[] shape;
    private final DataType dataType;
    private final ByteBuffer values;

    MappedTensor(MappedIpcFile f) {
        super(f);
        int i = f.indexOf(TensorIpc.COLUMN);
        if (i < 0 || f.schema.getFields().size() != 1) {
            throw MappedIpcFile.fail(
                    "TensorIpc.map", f.path, "needs exactly one column '" + TensorIpc.COLUMN + "'");
        }
        this.shape = f.shape(i);
        this.dataType = TensorIpc.dataType(f.valueType(i));
        if (dataType == DataType.UNKNOWN) {
            throw MappedIpcFile.fail(
                    "TensorIpc.map",
                    f.path,
                    "holds values of type " + f.valueType(i) + ", which hepgraph does not read");
        }
        this.values = f.values(i, MappedIpcFile.count(shape) * dataType.getNumOfBytes());
    }

    /** The shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The value type. */
    public DataType dataType() {
        return dataType;
    }

    /** The values, a little-endian view of the mapping (no copy). */
    public ByteBuffer buffer() {
        return values.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The tensor as an NDArray of {@code manager} that shares the mapping (no copy on CPU; DJL's
     * {@code create} over a direct buffer). Close it before this object.
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(buffer(), new Shape(shape), dataType);
    }
}
