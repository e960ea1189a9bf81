package org.hepgraph.io.exchange;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * One tensor as an Arrow IPC file: schema {@code tensor}, version {@value
 * GraphSetIpc#SCHEMA_VERSION}; one record batch of one row with one column {@code tensor}, an
 * {@code arrow.fixed_shape_tensor} of the tensor's whole shape (row-major, little-endian). Value
 * types: float32, float64, int32, int64, int8, uint8.
 */
public final class TensorIpc {

    /** The schema name of a tensor file. */
    public static final String SCHEMA = "tensor";

    /** The column name. */
    public static final String COLUMN = "tensor";

    private TensorIpc() {}

    /**
     * Writes the bytes {@code [position, limit)} of a direct buffer as a tensor of {@code shape}
     * and {@code dataType} to {@code path} (created 0600).
     */
    public static void write(ByteBuffer data, DataType dataType, long[] shape, Path path) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count * dataType.getNumOfBytes() != data.remaining()) {
            throw new InvalidArgumentException(
                    String.format(
                            "TensorIpc.write: shape %s of %s needs %d bytes but the buffer holds %d",
                            Arrays.toString(shape),
                            dataType,
                            count * dataType.getNumOfBytes(),
                            data.remaining()));
        }
        if (!data.isDirect()) {
            ByteBuffer d =
                    ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            d.put(data.duplicate()).flip();
            data = d;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(GraphSetIpc.META_SCHEMA, SCHEMA);
        meta.put(GraphSetIpc.META_VERSION, GraphSetIpc.SCHEMA_VERSION);
        Schema schema =
                new Schema(
                        List.of(FixedShapeTensorType.field(COLUMN, arrowType(dataType), shape)),
                        meta);
        try {
            IpcFileWriter.write(path, schema, List.of(data));
        } catch (IOException e) {
            throw new UncheckedIOException("TensorIpc.write: cannot write " + path, e);
        }
    }

    /** Writes {@code array} (on any device; copied to the host once) to {@code path}. */
    public static void write(NDArray array, Path path) {
        ByteBuffer b = array.toByteBuffer(true);
        ByteBuffer direct =
                b.isDirect() ? b : ByteBuffer.allocateDirect(b.remaining()).put(b).flip();
        write(
                direct.order(ByteOrder.LITTLE_ENDIAN),
                array.getDataType(),
                array.getShape().getShape(),
                path);
    }

    /** Maps {@code path} as a tensor view (no copy); close the result to unmap. */
    public static MappedTensor map(Path path, BufferAllocator allocator) {
        return MappedIpcFile.mapAs(path, allocator, SCHEMA, "TensorIpc.map", MappedTensor::new);
    }

    static ArrowType arrowType(DataType t) {
        return switch (t) {
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case INT8 -> new ArrowType.Int(8, true);
            case UINT8 -> new ArrowType.Int(8, false);
            default ->
                    throw new InvalidArgumentException(
                            "TensorIpc: data type "
                                    + t
                                    + " is not supported; use float32, float64, int32, int64,"
                                    + " int8 or uint8");
        };
    }

    static DataType dataType(String valueType) {
        return switch (valueType) {
            case "float32" -> DataType.FLOAT32;
            case "float64" -> DataType.FLOAT64;
            case "int32" -> DataType.INT32;
            case "int64" -> DataType.INT64;
            case "int8" -> DataType.INT8;
            case "uint8" -> DataType.UINT8;
            default -> DataType.UNKNOWN;
        };
    }

    static long address(ByteBuffer b) {
        return MemorySegment.ofBuffer(b).address();
    }
}
