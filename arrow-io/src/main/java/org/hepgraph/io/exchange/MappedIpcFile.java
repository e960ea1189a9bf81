package org.hepgraph.io.exchange;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.hepgraph.HepgraphException.DataFormatException;

/**
 * An Arrow IPC file of fixed-shape tensor columns, memory-mapped read-write: the mapping is one
 * ArrowBuf (a foreign allocation in a named child allocator), and the record batch's buffers are
 * slices of it. Nothing is copied; {@link #values(String)} are views of the file.
 */
final class MappedIpcFile implements AutoCloseable {

    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    final Path path;
    final Schema schema;
    private final Arena arena;
    private final MemorySegment segment;
    private final BufferAllocator allocator;
    private final ArrowBuf whole;
    private final ArrowRecordBatch batch;

    private MappedIpcFile(
            Path path,
            Schema schema,
            Arena arena,
            MemorySegment segment,
            BufferAllocator allocator,
            ArrowBuf whole,
            ArrowRecordBatch batch) {
        this.path = path;
        this.schema = schema;
        this.arena = arena;
        this.segment = segment;
        this.allocator = allocator;
        this.whole = whole;
        this.batch = batch;
    }

    /**
     * Maps {@code path} as {@link #map} does and makes {@code view} of it; unmaps again when the
     * view refuses the file.
     */
    static <T> T mapAs(
            Path path,
            BufferAllocator parent,
            String schemaName,
            String what,
            Function<MappedIpcFile, T> view) {
        MappedIpcFile f = map(path, parent, schemaName, what);
        try {
            return view.apply(f);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /**
     * Maps {@code path} and checks its hepgraph schema name and version; {@code what} names the
     * reader in messages.
     */
    static MappedIpcFile map(Path path, BufferAllocator parent, String schemaName, String what) {
        FixedShapeTensorType.ensureRegistered();
        Arena arena = Arena.ofShared();
        BufferAllocator child = null;
        ArrowBuf whole = null;
        try {
            MemorySegment seg;
            boolean writable = Files.isWritable(path);
            try (FileChannel ch =
                    writable
                            ? FileChannel.open(
                                    path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                            : FileChannel.open(path, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < 2 * 8 + 4) {
                    throw fail(what, path, "has " + size + " bytes, too few for an Arrow IPC file");
                }
                // Read-write where the file allows it, so that a writer's view is one mapping.
                FileChannel.MapMode mode =
                        writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY;
                seg = ch.map(mode, 0, size, arena);
            }
            child =
                    parent.newChildAllocator(
                            what + ":" + path.getFileName() + ":" + System.nanoTime(),
                            0,
                            Long.MAX_VALUE);
            long size = seg.byteSize();
            whole =
                    child.wrapForeignAllocation(
                            new ForeignAllocation(size, seg.address()) {
                                @Override
                                protected void release0() {
                                    // the arena unmaps, in close()
                                }
                            });
            for (int i = 0; i < MAGIC.length; i++) {
                if (seg.get(ValueLayout.JAVA_BYTE, i) != MAGIC[i]
                        || seg.get(ValueLayout.JAVA_BYTE, size - MAGIC.length + i) != MAGIC[i]) {
                    throw fail(
                            what,
                            path,
                            "does not start and end with the Arrow file magic 'ARROW1' (truncated,"
                                    + " or not an Arrow IPC file)");
                }
            }
            long footerLength =
                    seg.get(
                            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                            size - MAGIC.length - 4);
            long footerStart = size - MAGIC.length - 4 - footerLength;
            if (footerLength <= 0 || footerStart < 8) {
                throw fail(what, path, "has a footer length of " + footerLength + " bytes");
            }
            ArrowFooter footer;
            try {
                ByteBuffer fb = seg.asSlice(footerStart, footerLength).asByteBuffer();
                footer = new ArrowFooter(Footer.getRootAsFooter(fb.order(ByteOrder.LITTLE_ENDIAN)));
            } catch (RuntimeException e) {
                throw fail(what, path, "has a corrupt footer (" + e + ")", e);
            }
            Schema schema = footer.getSchema();
            checkVersion(what, path, schema, schemaName);
            List<ArrowBlock> blocks = footer.getRecordBatches();
            if (blocks.size() != 1) {
                throw fail(what, path, "holds " + blocks.size() + " record batches; expected 1");
            }
            ArrowBlock b = blocks.get(0);
            if (b.getOffset() < 8
                    || b.getMetadataLength() < 8
                    || b.getBodyLength() < 0
                    || b.getOffset() + b.getMetadataLength() + b.getBodyLength() > footerStart) {
                throw fail(
                        what,
                        path,
                        String.format(
                                "has a record batch at [%d, +%d, +%d) outside its %d data bytes"
                                        + " (truncated or corrupt)",
                                b.getOffset(),
                                b.getMetadataLength(),
                                b.getBodyLength(),
                                footerStart));
            }
            ArrowRecordBatch batch;
            try {
                long off = b.getOffset();
                int first =
                        seg.get(
                                ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                                off);
                long start = off + 4;
                int len = first;
                if (first == -1) { // continuation token, then the length
                    len =
                            seg.get(
                                    ValueLayout.JAVA_INT_UNALIGNED.withOrder(
                                            ByteOrder.LITTLE_ENDIAN),
                                    off + 4);
                    start = off + 8;
                }
                if (len <= 0 || start + len > off + b.getMetadataLength()) {
                    throw fail(what, path, "has a record batch header of " + len + " bytes");
                }
                ByteBuffer mb =
                        seg.asSlice(start, len).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                Message msg = Message.getRootAsMessage(mb);
                if (msg.headerType() != MessageHeader.RecordBatch) {
                    throw fail(
                            what,
                            path,
                            "has message type "
                                    + msg.headerType()
                                    + " where a record batch belongs");
                }
                RecordBatch rb = (RecordBatch) msg.header(new RecordBatch());
                if (rb.compression() != null) {
                    throw fail(what, path, "is compressed; write it without compression");
                }
                ArrowBuf body = whole.slice(off + b.getMetadataLength(), b.getBodyLength());
                // deserializeRecordBatch takes over one reference to the body (it releases it after
                // retaining each slice): hand it one of its own.
                whole.getReferenceManager().retain();
                batch = MessageSerializer.deserializeRecordBatch(rb, body);
            } catch (DataFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw fail(what, path, "has a corrupt record batch (" + e + ")", e);
            }
            return new MappedIpcFile(path, schema, arena, seg, child, whole, batch);
        } catch (NoSuchFileException e) {
            cleanup(whole, child, arena);
            throw new DataFormatException(what + ": no file " + path, e);
        } catch (IOException e) {
            cleanup(whole, child, arena);
            throw new DataFormatException(what + ": cannot map " + path + ": " + e, e);
        } catch (RuntimeException e) {
            cleanup(whole, child, arena);
            throw e;
        }
    }

    private static void cleanup(ArrowBuf whole, BufferAllocator child, Arena arena) {
        if (whole != null) {
            whole.close();
        }
        if (child != null) {
            child.close();
        }
        arena.close();
    }

    private static void checkVersion(String what, Path path, Schema schema, String schemaName) {
        Map<String, String> meta = schema.getCustomMetadata();
        String name = meta == null ? null : meta.get(GraphSetIpc.META_SCHEMA);
        String version = meta == null ? null : meta.get(GraphSetIpc.META_VERSION);
        if (!schemaName.equals(name)) {
            throw fail(
                    what,
                    path,
                    "holds schema '"
                            + name
                            + "' (metadata "
                            + GraphSetIpc.META_SCHEMA
                            + "), not '"
                            + schemaName
                            + "'");
        }
        if (!GraphSetIpc.SCHEMA_VERSION.equals(version)) {
            throw fail(
                    what,
                    path,
                    "has "
                            + schemaName
                            + " schema version "
                            + version
                            + " but this hepgraph reads"
                            + " version "
                            + GraphSetIpc.SCHEMA_VERSION
                            + "; write it with a matching hepgraph");
        }
    }

    static DataFormatException fail(String what, Path path, String message) {
        return new DataFormatException(what + ": " + path + " " + message);
    }

    static DataFormatException fail(String what, Path path, String message, Throwable cause) {
        return new DataFormatException(what + ": " + path + " " + message, cause);
    }

    /** The index of field {@code name}, or -1. */
    int indexOf(String name) {
        List<Field> fs = schema.getFields();
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The tensor shape of field {@code i}. */
    long[] shape(int i) {
        Field f = schema.getFields().get(i);
        if (f.getType() instanceof FixedShapeTensorType t) {
            return t.shape();
        }
        throw fail(
                "read",
                path,
                "field '"
                        + f.getName()
                        + "' is "
                        + f.getType()
                        + ", not "
                        + FixedShapeTensorType.NAME);
    }

    /** The number of values in a tensor of {@code shape}. */
    static long count(long[] shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        return count;
    }

    /** The value type of field {@code i}, as "float32", "float64", "int32", "int64", ... */
    String valueType(int i) {
        Field f = schema.getFields().get(i);
        ArrowType t = f.getChildren().isEmpty() ? null : f.getChildren().get(0).getType();
        if (t instanceof ArrowType.FloatingPoint fp) {
            return fp.getPrecision() == FloatingPointPrecision.SINGLE
                    ? "float32"
                    : fp.getPrecision() == FloatingPointPrecision.DOUBLE ? "float64" : "float16";
        }
        if (t instanceof ArrowType.Int it) {
            return (it.getIsSigned() ? "int" : "uint") + it.getBitWidth();
        }
        return String.valueOf(t);
    }

    /**
     * The values of field {@code i} ({@code bytes} long) as a little-endian view of the mapping:
     * the address is that of the record batch's ArrowBuf slice; access after {@link #close()}
     * throws instead of reading unmapped memory.
     */
    ByteBuffer values(int i, long bytes) {
        List<ArrowBuf> bufs = batch.getBuffers();
        if (bufs.size() != 3 * schema.getFields().size()) {
            throw fail(
                    "read",
                    path,
                    "has "
                            + bufs.size()
                            + " buffers for "
                            + schema.getFields().size()
                            + " tensor columns (expected 3 each)");
        }
        ArrowBuf data = bufs.get(3 * i + 2);
        if (data.capacity() < bytes) {
            throw fail(
                    "read",
                    path,
                    String.format(
                            "field '%s' holds %d bytes but its shape %s needs %d (truncated or corrupt)",
                            schema.getFields().get(i).getName(),
                            data.capacity(),
                            Arrays.toString(shape(i)),
                            bytes));
        }
        long offset = data.memoryAddress() - segment.address();
        if (bytes == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return segment.asSlice(offset, bytes).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The address of the first mapped byte. */
    long address() {
        return segment.address();
    }

    /** The size of the mapping in bytes. */
    long byteSize() {
        return segment.byteSize();
    }

    BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public void close() {
        batch.close();
        whole.close();
        allocator.close();
        arena.close();
    }
}
