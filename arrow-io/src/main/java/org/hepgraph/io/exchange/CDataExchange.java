package org.hepgraph.io.exchange;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;

/**
 * A {@link GraphSet} through the Arrow C Data Interface, for callers in the same process (Java
 * programs, and later GraalPy): no file and no copy, only two struct addresses change hands.
 *
 * <p>{@link #export} wraps the set's own buffers as Arrow vectors (the {@code graphset} schema of
 * {@link GraphSetIpc}: one {@code arrow.fixed_shape_tensor} column per field, one row) and fills an
 * {@code ArrowArray} and {@code ArrowSchema}; {@link #importGraphSet} takes their addresses and
 * wraps the imported vectors' buffers with {@link GraphSet#wrap}, so the imported set reads the
 * exporter's memory. The exported set must stay reachable until the importer closes (the exporter
 * holds it; release runs when the importer closes its side).
 */
public final class CDataExchange {

    private CDataExchange() {}

    /**
     * Exports {@code set} (a non-compact view is compacted first, by a copy) into fresh C structs
     * allocated in {@code allocator}; close the result to free the structs (and the data, if no
     * importer took them).
     */
    public static Exported export(GraphSet set, BufferAllocator allocator) {
        FixedShapeTensorType.ensureRegistered();
        List<ByteBuffer> values = new ArrayList<>();
        Schema schema = GraphSetIpc.columns(set, values);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        ArrowArray array = null;
        ArrowSchema cschema = null;
        try {
            try (ArrowRecordBatch batch =
                    IpcFileWriter.oneRowBatch(allocator, schema.getFields(), values)) {
                new VectorLoader(root).load(batch);
            }
            array = ArrowArray.allocateNew(allocator);
            cschema = ArrowSchema.allocateNew(allocator);
            Data.exportVectorSchemaRoot(allocator, root, null, array, cschema);
            return new Exported(root, array, cschema);
        } catch (RuntimeException ex) {
            closeStructs(array, cschema);
            root.close();
            throw ex;
        }
    }

    /**
     * The graph set the structs at {@code arrayAddress} / {@code schemaAddress} hold (exported by
     * {@link #export} or any producer of the {@code graphset} schema), without a copy. The structs
     * are moved (released to the importer); close the result to release the producer's data.
     */
    public static Imported importGraphSet(
            long arrayAddress, long schemaAddress, BufferAllocator allocator) {
        FixedShapeTensorType.ensureRegistered();
        VectorSchemaRoot root =
                Data.importVectorSchemaRoot(
                        allocator,
                        ArrowArray.wrap(arrayAddress),
                        ArrowSchema.wrap(schemaAddress),
                        null);
        try {
            return new Imported(root, wrap(root));
        } catch (RuntimeException ex) {
            root.close();
            throw ex;
        }
    }

    private static GraphSet wrap(VectorSchemaRoot root) {
        String what = "CDataExchange.importGraphSet";
        Schema schema = root.getSchema();
        String kind = schema.getCustomMetadata().get(GraphSetIpc.META_SCHEMA);
        String version = schema.getCustomMetadata().get(GraphSetIpc.META_VERSION);
        if (!GraphSetIpc.SCHEMA.equals(kind) || !GraphSetIpc.SCHEMA_VERSION.equals(version)) {
            throw new DataFormatException(
                    String.format(
                            "%s: the structs hold schema %s version %s; expected %s version %s"
                                    + " (export a GraphSet with CDataExchange.export)",
                            what, kind, version, GraphSetIpc.SCHEMA, GraphSetIpc.SCHEMA_VERSION));
        }
        if (root.getRowCount() != 1) {
            throw new DataFormatException(
                    what + ": the batch has " + root.getRowCount() + " rows; expected 1");
        }
        long[] x = shape(root, "x", true);
        long[] ei = shape(root, "edgeIndex", true);
        long[] y = shape(root, "y", true);
        long[] ea = shape(root, "edgeAttr", false);
        long[] pos = shape(root, "pos", false);
        long[] ga = shape(root, "graphAttr", false);
        GraphSetLayout layout =
                new GraphSetLayout(
                        (int) y[0],
                        x[0],
                        ei[1],
                        (int) x[1],
                        ea == null ? 0 : (int) ea[1],
                        pos == null ? 0 : (int) pos[1],
                        ga == null ? 0 : (int) ga[1]);
        // GraphSet.wrap checks every buffer's size against the layout, and the graphs deeply
        return GraphSet.wrap(
                layout,
                values(root, "nodePtr"),
                values(root, "edgePtr"),
                values(root, "x"),
                values(root, "edgeIndex"),
                ea == null ? null : values(root, "edgeAttr"),
                pos == null ? null : values(root, "pos"),
                values(root, "y"),
                ga == null ? null : values(root, "graphAttr"));
    }

    private static long[] shape(VectorSchemaRoot root, String name, boolean required) {
        Field f =
                root.getSchema().getFields().stream()
                        .filter(c -> c.getName().equals(name))
                        .findFirst()
                        .orElse(null);
        if (f == null) {
            if (required) {
                throw new DataFormatException(
                        "CDataExchange.importGraphSet: no column '"
                                + name
                                + "' in "
                                + root.getSchema());
            }
            return null;
        }
        if (!(f.getType() instanceof FixedShapeTensorType t)) {
            throw new DataFormatException(
                    String.format(
                            "CDataExchange.importGraphSet: column '%s' is %s, not %s",
                            name, f.getType(), FixedShapeTensorType.NAME));
        }
        return t.shape();
    }

    /** The values of column {@code name}: a little-endian view of the imported buffer. */
    static ByteBuffer values(VectorSchemaRoot root, String name) {
        FieldVector v = root.getVector(name);
        FixedSizeListVector list =
                (FixedSizeListVector)
                        (v instanceof ExtensionTypeVector<?> e ? e.getUnderlyingVector() : v);
        FieldVector data = (FieldVector) list.getDataVector();
        ArrowBuf buf = data.getDataBuffer();
        long bytes = (long) list.getListSize() * ((BaseFixedWidthVector) data).getTypeWidth();
        if (bytes == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return buf.nioBuffer(0, Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void closeStructs(ArrowArray array, ArrowSchema schema) {
        if (array != null) {
            array.release();
            array.close();
        }
        if (schema != null) {
            schema.release();
            schema.close();
        }
    }

    /** Exported structs; the producer side of the exchange. */
    public static final class Exported implements AutoCloseable {
        private final VectorSchemaRoot root;
        private final ArrowArray array;
        private final ArrowSchema schema;

        Exported(VectorSchemaRoot root, ArrowArray array, ArrowSchema schema) {
            this.root = root;
            this.array = array;
            this.schema = schema;
        }

        /** The address of the {@code ArrowArray} struct, for {@link #importGraphSet}. */
        public long arrayAddress() {
            return array.memoryAddress();
        }

        /** The address of the {@code ArrowSchema} struct, for {@link #importGraphSet}. */
        public long schemaAddress() {
            return schema.memoryAddress();
        }

        /** The exporter's vectors (over the set's buffers): writes to them reach the importer. */
        public VectorSchemaRoot root() {
            return root;
        }

        /**
         * Frees the structs and this side's vectors. Data an importer took stay valid until the
         * importer closes; structs nobody imported are released here.
         */
        @Override
        public void close() {
            closeStructs(array, schema);
            root.close();
        }
    }

    /** An imported graph set; the consumer side. */
    public static final class Imported implements AutoCloseable {
        private final VectorSchemaRoot root;
        private final GraphSet graphs;

        Imported(VectorSchemaRoot root, GraphSet graphs) {
            this.root = root;
            this.graphs = graphs;
        }

        /** The graphs, over the producer's buffers (no copy); not to be used after close. */
        public GraphSet graphs() {
            return graphs;
        }

        /** The imported vectors. */
        public VectorSchemaRoot root() {
            return root;
        }

        /** Releases the imported data (the producer's release callback runs). */
        @Override
        public void close() {
            root.close();
        }
    }
}
