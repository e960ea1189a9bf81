package org.hepgraph.bridge;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.io.exchange.MappedTensor;
import org.hepgraph.io.exchange.TensorIpc;

/**
 * Reads the data-plane tensor files that Python writes as arguments ({@link TensorIpc}) into Java
 * arrays, checking rank and value type with errors that name the argument.
 */
final class TensorArgs {

    private TensorArgs() {}

    /** A mapped tensor of {@code path} with {@code rank} dimensions (close it). */
    static MappedTensor map(String who, String name, String path, int rank, BufferAllocator a) {
        MappedTensor t = TensorIpc.map(Path.of(path), a);
        if (t.shape().length != rank) {
            long[] s = t.shape();
            t.close();
            throw new InvalidArgumentException(
                    String.format(
                            "%s: %s has %d dimensions (%s); it needs %d",
                            who, name, s.length, java.util.Arrays.toString(s), rank));
        }
        return t;
    }

    /**
     * Jets of padded particles from tensor files: {@code particles [B, P, F]} float32 whose last
     * axis {@code names} names, {@code counts [B]} int32 and {@code labels [B]} int32 (with a null
     * {@code labelsPath}, label 0 for every jet).
     */
    static PaddedParticles particles(
            String who,
            String valuesPath,
            String countsPath,
            String labelsPath,
            List<String> names,
            BufferAllocator a) {
        try (MappedTensor v = map(who, "particles", valuesPath, 3, a);
                MappedTensor c = map(who, "counts", countsPath, 1, a);
                MappedTensor l = labelsPath == null ? null : map(who, "labels", labelsPath, 1, a)) {
            long[] shape = v.shape();
            float[] values = floats(who, "particles", v);
            int[] counts = ints(who, "counts", c);
            return new PaddedParticles(
                    (int) shape[0],
                    (int) shape[1],
                    (int) shape[2],
                    values,
                    counts,
                    l == null ? new int[counts.length] : ints(who, "labels", l),
                    names);
        }
    }

    /** The values of a float32 tensor file, copied out. */
    static float[] floats(String who, String name, MappedTensor t) {
        FloatBuffer b = checked(who, name, t, DataType.FLOAT32).asFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    /** The values of a float64 tensor file, copied out. */
    static double[] doubles(String who, String name, MappedTensor t) {
        DoubleBuffer b = checked(who, name, t, DataType.FLOAT64).asDoubleBuffer();
        double[] out = new double[b.remaining()];
        b.get(out);
        return out;
    }

    /** The values of an int32 tensor file, copied out. */
    static int[] ints(String who, String name, MappedTensor t) {
        IntBuffer b = checked(who, name, t, DataType.INT32).asIntBuffer();
        int[] out = new int[b.remaining()];
        b.get(out);
        return out;
    }

    /** The values of {@code t} after checking that they are of {@code type}. */
    private static ByteBuffer checked(String who, String name, MappedTensor t, DataType type) {
        expect(who, name, t, type);
        return t.buffer();
    }

    private static void expect(String who, String name, MappedTensor t, DataType type) {
        if (t.dataType() != type) {
            throw new InvalidArgumentException(
                    String.format(
                            "%s: %s holds %s values; it must be %s",
                            who,
                            name,
                            t.dataType(),
                            type.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
