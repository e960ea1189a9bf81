package org.hepgraph.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A SHA-256 over the contents of a graph list (features, edges, labels), for provenance. */
public final class DatasetHash {

    private DatasetHash() {}

    public static String of(List<Graph> graphs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Graph g : graphs) {
                float[] x = g.x();
                long[] ei = g.edgeIndex();
                ByteBuffer buf = ByteBuffer.allocate(12 + 4 * x.length + 8 * ei.length);
                buf.putInt(g.numNodes()).putInt(g.numFeatures()).putInt(g.y());
                for (float v : x) {
                    buf.putFloat(v);
                }
                for (long v : ei) {
                    buf.putLong(v);
                }
                md.update(buf.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
