package org.hepgraph.graalpy;

import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.hepgraph.bridge.DetectorHandle;
import org.hepgraph.bridge.HepgraphEntryPoint;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.metrics.RocCurve;

/**
 * What the Python package's in-process session ({@code hepgraph/_graalpy.py}) calls besides {@link
 * HepgraphEntryPoint}: the native address and size of a direct buffer, so Python wraps Java's own
 * memory in a {@code memoryview} (through {@code ctypes}, no copy), and the few calls that the Py4J
 * path makes through data-plane files instead (scores, a ROC curve from arrays).
 *
 * <p>The runner puts one instance into the polyglot bindings as {@code hepgraph.inprocess}.
 */
public final class InProcessBridge {

    /** The name under which {@link GraalPyRunner} exports this bridge to Python. */
    public static final String BINDING = "hepgraph.inprocess";

    private final HepgraphEntryPoint entry;

    public InProcessBridge(HepgraphEntryPoint entry) {
        this.entry = entry;
    }

    /** The same entry point the Py4J gateway serves. */
    public HepgraphEntryPoint entry() {
        return entry;
    }

    /** This process's id (the JVM's, which under GraalPy is also Python's). */
    public long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * The native address of a direct buffer's first element (at its position): Python reads and
     * writes the same memory there. A heap buffer has none and is refused.
     */
    public long address(Buffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException(
                    "InProcessBridge.address: a heap buffer has no native address; pass a direct"
                            + " buffer");
        }
        return MemorySegment.ofBuffer(buffer).address();
    }

    /** The size in bytes of {@code buffer} from its position to its limit. */
    public long byteSize(Buffer buffer) {
        return MemorySegment.ofBuffer(buffer).byteSize();
    }

    /**
     * {@code set} itself when its buffers describe exactly it ({@link GraphSet#isCompact()}), else
     * a compact copy (a subset or relabelled view): the one copy Python's columns may need.
     */
    public GraphSet compact(GraphSet set) {
        return set.isCompact() ? set : GraphSet.copyOf(set);
    }

    /**
     * The detector's scores of {@code graphs} in a new little-endian direct buffer of {@code B}
     * float32, which Python wraps without a copy (the Py4J path writes a data-plane file instead).
     */
    public ByteBuffer scores(DetectorHandle detector, List<Graph> graphs) {
        float[] s = detector.score(graphs);
        ByteBuffer b = ByteBuffer.allocateDirect(Float.BYTES * s.length);
        b.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(s);
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@link RocCurve#of(double[], int[])}: the same figures {@code hg.metrics} gets over Py4J. */
    public RocCurve roc(double[] scores, int[] labels) {
        return RocCurve.of(scores, labels);
    }
}
