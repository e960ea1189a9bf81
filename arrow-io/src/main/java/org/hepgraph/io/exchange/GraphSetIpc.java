package org.hepgraph.io.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;

/**
 * A {@link GraphSet} as an Arrow IPC file: schema {@code graphset}, version {@value
 * #SCHEMA_VERSION}.
 *
 * <p>One record batch of one row; every column is an {@code arrow.fixed_shape_tensor} holding one
 * whole field (names as in {@link GraphSet}, little-endian, row-major):
 *
 * <pre>
 * nodePtr   [B + 1]  int64     edgePtr  [B + 1]  int64
 * x         [N, F]   float32   edgeIndex [2, E]  int64 (ids local to their graph)
 * y         [B]      int64
 * edgeAttr  [E, D]   float32   pos [N, P] float32   graphAttr [B, G] float32   (only when present)
 * </pre>
 *
 * Schema metadata: {@code hepgraph.schema=graphset}, {@code hepgraph.schema.version=1}. A reader
 * refuses another schema or version, naming both.
 */
public final class GraphSetIpc {

    /** Schema metadata key: what the file holds ({@code graphset} or {@code tensor}). */
    public static final String META_SCHEMA = "hepgraph.schema";

    /** Schema metadata key: the version of that schema. */
    public static final String META_VERSION = "hepgraph.schema.version";

    /** The schema name of a graph set file. */
    public static final String SCHEMA = "graphset";

    /** The version this code writes and reads. */
    public static final String SCHEMA_VERSION = "1";

    private static final ArrowType F32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    private static final ArrowType I64 = new ArrowType.Int(64, true);

    private GraphSetIpc() {}

    /**
     * Writes a compact {@code set} to {@code path} (created with mode 0600, replaced if it exists);
     * the bytes go from the set's buffers to the file once.
     */
    public static void write(GraphSet set, Path path) {
        List<ByteBuffer> values = new ArrayList<>();
        Schema schema = columns(set, values);
        try {
            IpcFileWriter.write(path, schema, values);
        } catch (IOException ex) {
            throw new UncheckedIOException("GraphSetIpc.write: cannot write " + path, ex);
        }
    }

    /**
     * The schema of {@code set} (one fixed-shape tensor field per column, metadata included); adds
     * the bytes of each column, in field order, to {@code values} (views of the set's buffers, no
     * copy). Shared by the IPC file writer and {@link CDataExchange}.
     */
    static Schema columns(GraphSet set, List<ByteBuffer> values) {
        if (!set.isCompact()) {
            set = GraphSet.copyOf(set);
        }
        GraphSetLayout l = set.backingLayout();
        long b = l.numGraphs();
        long n = l.totalNodes();
        long e = l.totalEdges();
        List<Field> fields = new ArrayList<>();
        add(fields, values, "nodePtr", I64, bytes(set.nodePtrView()), b + 1);
        add(fields, values, "edgePtr", I64, bytes(set.edgePtrView()), b + 1);
        add(fields, values, "x", F32, bytes(set.xView()), n, l.numFeatures());
        add(fields, values, "edgeIndex", I64, bytes(set.edgeIndexView()), 2, e);
        add(fields, values, "y", I64, bytes(set.yView()), b);
        if (l.edgeDim() > 0) {
            add(fields, values, "edgeAttr", F32, bytes(set.edgeAttrView()), e, l.edgeDim());
        }
        if (l.posDim() > 0) {
            add(fields, values, "pos", F32, bytes(set.posView()), n, l.posDim());
        }
        if (l.graphAttrDim() > 0) {
            add(fields, values, "graphAttr", F32, bytes(set.graphAttrView()), b, l.graphAttrDim());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_SCHEMA, SCHEMA);
        meta.put(META_VERSION, SCHEMA_VERSION);
        return new Schema(fields, meta);
    }

    /**
     * Maps {@code path} and wraps its buffers as a {@link GraphSet} without a copy (a view of the
     * file: it sees later writes to it). The mapping is accounted in a child of {@code allocator};
     * close the result to unmap.
     */
    public static MappedGraphSet map(Path path, BufferAllocator allocator) {
        return MappedIpcFile.mapAs(path, allocator, SCHEMA, "GraphSetIpc.map", MappedGraphSet::new);
    }

    private static void add(
            List<Field> fields,
            List<ByteBuffer> values,
            String name,
            ArrowType type,
            ByteBuffer data,
            long... shape) {
        fields.add(FixedShapeTensorType.field(name, type, shape));
        values.add(data);
    }

    /** The bytes behind a typed view of a set's buffer (direct; no copy). */
    private static ByteBuffer bytes(java.nio.Buffer typed) {
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofBuffer(typed);
        return s.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
}
