package org.hepgraph.io.exchange;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes an Arrow IPC file of one record batch with one row, whose every column is a {@code
 * fixed_shape_tensor}: the column's values come straight from a direct buffer (wrapped as an
 * ArrowBuf, not copied into a vector first). The file is created with mode 0600.
 */
final class IpcFileWriter {

    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    private IpcFileWriter() {}

    /**
     * Writes {@code fields} (each a fixed-shape tensor field) with the bytes of {@code values} (one
     * direct buffer per field, {@code [position, limit)}).
     */
    static void write(Path path, Schema schema, List<ByteBuffer> values) throws IOException {
        List<Field> fields = schema.getFields();
        try (BufferAllocator alloc = new RootAllocator();
                FileChannel ch =
                        FileChannel.open(
                                path,
                                java.util.Set.of(
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE,
                                        StandardOpenOption.TRUNCATE_EXISTING),
                                SharedMemoryExchange.attribute(SharedMemoryExchange.FILE_MODE))) {
            java.nio.file.Files.setPosixFilePermissions(path, SharedMemoryExchange.FILE_MODE);
            WriteChannel out = new WriteChannel(ch);
            out.write(MAGIC);
            out.align();
            MessageSerializer.serialize(out, schema);
            ArrowBlock block;
            try (ArrowRecordBatch batch = oneRowBatch(alloc, fields, values)) {
                block = MessageSerializer.serialize(out, batch);
            }
            long footerStart = out.getCurrentPosition();
            out.write(new ArrowFooter(schema, List.of(), List.of(block)), false);
            int footerLength = (int) (out.getCurrentPosition() - footerStart);
            out.writeIntLittleEndian(footerLength);
            out.write(MAGIC);
        }
    }

    /**
     * A record batch of one row over {@code values} (one direct buffer per fixed-shape tensor
     * field, wrapped as ArrowBufs without a copy); the batch holds the only reference to them.
     */
    static ArrowRecordBatch oneRowBatch(
            BufferAllocator alloc, List<Field> fields, List<ByteBuffer> values) {
        List<ArrowFieldNode> nodes = new ArrayList<>();
        List<ArrowBuf> bufs = new ArrayList<>();
        try {
            for (int i = 0; i < fields.size(); i++) {
                ByteBuffer v = values.get(i);
                FixedShapeTensorType t = (FixedShapeTensorType) fields.get(i).getType();
                nodes.add(new ArrowFieldNode(1, 0));
                nodes.add(new ArrowFieldNode(t.listSize(), 0));
                bufs.add(alloc.getEmpty()); // list validity: no nulls
                bufs.add(alloc.getEmpty()); // values validity: no nulls
                bufs.add(wrap(alloc, v));
            }
            return new ArrowRecordBatch(1, nodes, bufs);
        } finally {
            for (ArrowBuf b : bufs) {
                b.close();
            }
        }
    }

    /** The bytes {@code [position, limit)} of a direct buffer, as an ArrowBuf over them. */
    static ArrowBuf wrap(BufferAllocator alloc, ByteBuffer v) {
        if (!v.isDirect()) {
            throw new IllegalArgumentException("IpcFileWriter: a heap buffer; pass a direct one");
        }
        long address = MemorySegment.ofBuffer(v).address();
        long size = v.remaining();
        if (size == 0) {
            return alloc.getEmpty();
        }
        return alloc.wrapForeignAllocation(
                new ForeignAllocation(size, address) {
                    @Override
                    protected void release0() {
                        // the caller's buffer owns the memory
                        v.capacity();
                    }
                });
    }
}
