package org.hepgraph.io.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorIpcTest {

    @TempDir Path tmp;

    @Test
    void mappedTensorIsAZeroCopyNDArrayOfTheFile() {
        try (BufferAllocator root = new RootAllocator();
                SharedMemoryExchange ex = SharedMemoryExchange.create(tmp)) {
            ByteBuffer data = ByteBuffer.allocateDirect(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 6; i++) {
                data.putFloat(i * 4, i + 0.5f);
            }
            Path file = ex.newFile("t");
            TensorIpc.write(data, DataType.FLOAT32, new long[] {2, 3}, file);
            try (MappedTensor t = TensorIpc.map(file, root);
                    NDManager m = NDManager.newBaseManager()) {
                assertArrayEquals(new long[] {2, 3}, t.shape());
                assertEquals(DataType.FLOAT32, t.dataType());
                long a = MemorySegment.ofBuffer(t.buffer()).address();
                assertTrue(
                        a >= t.mappingAddress() && a + 24 <= t.mappingAddress() + t.mappingSize());
                NDArray nd = t.toNDArray(m);
                assertArrayEquals(
                        new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f}, nd.toFloatArray());
                t.buffer().putFloat(4, 99f); // through the mapping
                assertEquals(99f, nd.getFloat(0, 1), "the NDArray shares the mapping");
                nd.close();
            }
            assertEquals(0, root.getAllocatedMemory());
        }
    }

    @Test
    void ndArrayRoundTripsThroughAFile() {
        try (BufferAllocator root = new RootAllocator();
                SharedMemoryExchange ex = SharedMemoryExchange.create(tmp);
                NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.arange(0, 24, 1, DataType.INT64).reshape(2, 3, 4);
            Path file = ex.newFile("nd");
            TensorIpc.write(a, file);
            try (MappedTensor t = TensorIpc.map(file, root)) {
                assertEquals(DataType.INT64, t.dataType());
                NDArray back = t.toNDArray(m);
                assertEquals(a.getShape(), back.getShape());
                assertArrayEquals(a.toLongArray(), back.toLongArray());
                back.close();
            }
            assertEquals(0, root.getAllocatedMemory());
        }
    }
}
