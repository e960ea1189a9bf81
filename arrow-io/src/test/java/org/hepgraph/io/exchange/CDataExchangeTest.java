package org.hepgraph.io.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.GraphSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CDataExchangeTest {

    private BufferAllocator root;

    @BeforeEach
    void open() {
        root = new RootAllocator();
    }

    @AfterEach
    void close() {
        assertEquals(0, root.getAllocatedMemory(), "bytes outstanding in the root allocator");
        root.close();
    }

    private static long address(Buffer b) {
        return MemorySegment.ofBuffer(b).address();
    }

    @Test
    void exportThenImportIsZeroCopyAndEqual() {
        GraphSet set = GraphSetIpcTest.sample();
        try (CDataExchange.Exported out = CDataExchange.export(set, root);
                CDataExchange.Imported in =
                        CDataExchange.importGraphSet(
                                out.arrayAddress(), out.schemaAddress(), root)) {
            GraphSet back = in.graphs();
            assertEquals(set.size(), back.size());
            for (int i = 0; i < set.size(); i++) {
                assertEquals(set.get(i), back.get(i), "graph " + i);
            }
            assertEquals(set.backingLayout(), back.backingLayout());
            // the very same memory on both sides: no copy was made
            assertEquals(address(set.xView()), address(back.xView()), "x");
            assertEquals(address(set.edgeIndexView()), address(back.edgeIndexView()), "edgeIndex");
            assertEquals(address(set.nodePtrView()), address(back.nodePtrView()), "nodePtr");
            assertEquals(address(set.yView()), address(back.yView()), "y");
            assertEquals(address(set.edgeAttrView()), address(back.edgeAttrView()), "edgeAttr");
            assertEquals(address(set.posView()), address(back.posView()), "pos");
            assertEquals(address(set.graphAttrView()), address(back.graphAttrView()), "graphAttr");
        }
    }

    @Test
    void aWriteThroughTheExportersVectorIsSeenByTheImportedSet() {
        GraphSet set = GraphSetIpcTest.sample();
        try (CDataExchange.Exported out = CDataExchange.export(set, root);
                CDataExchange.Imported in =
                        CDataExchange.importGraphSet(
                                out.arrayAddress(), out.schemaAddress(), root)) {
            FixedSizeListVector x =
                    (FixedSizeListVector)
                            ((ExtensionTypeVector<?>) out.root().getVector("x"))
                                    .getUnderlyingVector();
            x.getDataVector().getDataBuffer().setFloat(4L * 1, 1234.5f);
            assertEquals(1234.5f, in.graphs().xView().get(1));
            assertEquals(1234.5f, in.graphs().get(0).x()[1]);
        }
    }

    @Test
    void importedDataOutliveTheExportersClose() {
        GraphSet set = GraphSetIpcTest.sample();
        CDataExchange.Exported out = CDataExchange.export(set, root);
        CDataExchange.Imported in =
                CDataExchange.importGraphSet(out.arrayAddress(), out.schemaAddress(), root);
        try {
            out.close();
            assertEquals(set.get(2), in.graphs().get(2));
        } finally {
            in.close();
        }
    }

    @Test
    void unconsumedExportIsReleasedOnClose() {
        CDataExchange.export(GraphSetIpcTest.sample(), root).close();
    }

    @Test
    void anotherSchemaIsRefusedByName() {
        try (VectorSchemaRoot other = VectorSchemaRoot.of(new IntVector("a", root));
                ArrowArray array = ArrowArray.allocateNew(root);
                ArrowSchema schema = ArrowSchema.allocateNew(root)) {
            other.setRowCount(0);
            Data.exportVectorSchemaRoot(root, other, null, array, schema);
            DataFormatException ex =
                    assertThrows(
                            DataFormatException.class,
                            () ->
                                    CDataExchange.importGraphSet(
                                            array.memoryAddress(), schema.memoryAddress(), root));
            assertEquals(true, ex.getMessage().contains("expected graphset"), ex.getMessage());
        }
    }
}
