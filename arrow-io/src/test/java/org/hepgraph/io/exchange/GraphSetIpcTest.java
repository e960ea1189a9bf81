package org.hepgraph.io.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphSetIpcTest {

    @TempDir Path tmp;
    private BufferAllocator root;
    private SharedMemoryExchange exchange;

    @BeforeEach
    void open() {
        root = new RootAllocator();
        exchange = SharedMemoryExchange.create(tmp);
    }

    @AfterEach
    void close() {
        exchange.close();
        assertEquals(0, root.getAllocatedMemory(), "bytes outstanding in the root allocator");
        root.close();
    }

    /** Three graphs with edge features, positions and graph features; ids local to each graph. */
    static GraphSet sample() {
        List<Graph> gs = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            int n = 3 + g;
            float[] x = new float[n * 2];
            float[] pos = new float[n * 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = g * 100 + i * 0.5f;
            }
            for (int i = 0; i < pos.length; i++) {
                pos[i] = -i;
            }
            long[] src = new long[n];
            long[] dst = new long[n];
            float[] ea = new float[n];
            for (int i = 0; i < n; i++) {
                src[i] = i;
                dst[i] = (i + 1) % n;
                ea[i] = i + g;
            }
            long[] ei = new long[2 * n];
            System.arraycopy(src, 0, ei, 0, n);
            System.arraycopy(dst, 0, ei, n, n);
            gs.add(
                    Graph.builder(n, 2, x)
                            .edges(ei)
                            .edgeAttr(1, ea)
                            .pos(3, pos)
                            .graphAttr(new float[] {g, 2 * g})
                            .y(g % 2)
                            .build());
        }
        return GraphSet.copyOf(gs);
    }

    @Test
    void writtenSetMapsBackEqualAsAViewOfTheMapping() {
        GraphSet set = sample();
        Path file = exchange.newFile("graphs");
        GraphSetIpc.write(set, file);
        assertEquals("rw-------", mode(file));
        try (MappedGraphSet mapped = GraphSetIpc.map(file, root)) {
            GraphSet back = mapped.graphs();
            assertEquals(set.size(), back.size());
            for (int i = 0; i < set.size(); i++) {
                assertEquals(set.get(i), back.get(i), "graph " + i);
            }
            long x = MemorySegment.ofBuffer(back.xView()).address();
            long start = mapped.mappingAddress();
            assertTrue(
                    x >= start && x + back.backingLayout().xBytes() <= start + mapped.mappingSize(),
                    "x lies inside the mapping");
            assertTrue(mapped.allocator().getAllocatedMemory() >= mapped.mappingSize());
        }
    }

    @Test
    void aSubsetViewIsWrittenAsItsOwnGraphs() {
        GraphSet view = sample().subsetView(new int[] {2, 0});
        Path file = exchange.newFile("subset");
        GraphSetIpc.write(view, file);
        try (MappedGraphSet mapped = GraphSetIpc.map(file, root)) {
            assertEquals(2, mapped.graphs().size());
            assertEquals(view.get(0), mapped.graphs().get(0));
            assertEquals(view.get(1), mapped.graphs().get(1));
        }
    }

    @Test
    void aWriteThroughTheFileIsSeenByTheMappedSet() throws IOException {
        GraphSet set = sample();
        Path file = exchange.newFile("graphs");
        GraphSetIpc.write(set, file);
        try (MappedGraphSet mapped = GraphSetIpc.map(file, root);
                FileChannel ch =
                        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            GraphSet view = mapped.graphs();
            long offset = MemorySegment.ofBuffer(view.xView()).address() - mapped.mappingAddress();
            // A second, independent mapping of the same file stands for the other process.
            MappedByteBuffer other = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
            other.order(ByteOrder.LITTLE_ENDIAN).putFloat((int) offset + 4, 4242.5f);
            assertEquals(4242.5f, view.get(0).xView().get(1));
            assertEquals(4242.5f, view.xView().get(1));
        }
    }

    @Test
    void childAllocatorIsNamedAndReleasedOnClose() {
        Path file = exchange.newFile("graphs");
        GraphSetIpc.write(sample(), file);
        MappedGraphSet a = GraphSetIpc.map(file, root);
        MappedGraphSet b = GraphSetIpc.map(file, root);
        assertEquals(2, root.getChildAllocators().size());
        assertTrue(a.allocator().getName().contains(file.getFileName().toString()));
        a.close();
        b.close();
        assertEquals(0, root.getAllocatedMemory());
        assertTrue(root.getChildAllocators().isEmpty());
        GraphSet closed = a.graphs();
        assertThrows(IllegalStateException.class, () -> closed.xView().get(0));
    }

    @Test
    void truncatedFileIsRefusedNamingIt() throws IOException {
        Path file = exchange.newFile("graphs");
        GraphSetIpc.write(sample(), file);
        byte[] all = Files.readAllBytes(file);
        for (int cut : new int[] {all.length - 3, all.length / 2, 10, 0}) {
            Path t = exchange.newFile("truncated");
            Files.write(t, java.util.Arrays.copyOf(all, cut));
            DataFormatException e =
                    assertThrows(DataFormatException.class, () -> GraphSetIpc.map(t, root));
            assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
            assertEquals("HG-FORMAT", e.code());
        }
        assertEquals(0, root.getAllocatedMemory());
    }

    @Test
    void corruptFooterAndBodyAreRefusedNamingTheFile() throws IOException {
        Path file = exchange.newFile("graphs");
        GraphSetIpc.write(sample(), file);
        byte[] all = Files.readAllBytes(file);
        byte[] badLength = all.clone();
        // footer length (int32 before the trailing magic) pointing before the start
        ByteBuffer.wrap(badLength).order(ByteOrder.LITTLE_ENDIAN).putInt(all.length - 10, 1 << 30);
        Path a = exchange.newFile("corrupt");
        Files.write(a, badLength);
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> GraphSetIpc.map(a, root));
        assertTrue(e.getMessage().contains(a.toString()), e.getMessage());

        byte[] garbage = all.clone();
        for (int i = 8; i < garbage.length - 10; i++) {
            garbage[i] = (byte) 0xAB;
        }
        Path b = exchange.newFile("corrupt");
        Files.write(b, garbage);
        e = assertThrows(DataFormatException.class, () -> GraphSetIpc.map(b, root));
        assertTrue(e.getMessage().contains(b.toString()), e.getMessage());

        Path missing = exchange.directory().resolve("nothing.arrow");
        e = assertThrows(DataFormatException.class, () -> GraphSetIpc.map(missing, root));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertEquals(0, root.getAllocatedMemory());
    }

    @Test
    void unknownSchemaVersionIsRefusedNamingIt() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(GraphSetIpc.META_SCHEMA, GraphSetIpc.SCHEMA);
        meta.put(GraphSetIpc.META_VERSION, "99");
        ArrowType f32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        Schema schema = new Schema(List.of(FixedShapeTensorType.field("x", f32, 1, 1)), meta);
        Path file = exchange.newFile("future");
        ByteBuffer one =
                ByteBuffer.allocateDirect(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 1f);
        IpcFileWriter.write(file, schema, List.of(one));
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> GraphSetIpc.map(file, root));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        // A tensor file is not a graph set.
        Path t = exchange.newFile("tensor");
        TensorIpc.write(one, ai.djl.ndarray.types.DataType.FLOAT32, new long[] {1}, t);
        e = assertThrows(DataFormatException.class, () -> GraphSetIpc.map(t, root));
        assertTrue(e.getMessage().contains("'tensor'"), e.getMessage());
    }

    @Test
    void fieldsAreFixedShapeTensorsWithShapeMetadata() throws IOException {
        Path file = exchange.newFile("graphs");
        GraphSetIpc.write(sample(), file);
        try (MappedGraphSet mapped = GraphSetIpc.map(file, root)) {
            assertEquals(12L, mapped.graphs().totalNodes());
        }
        try (MappedIpcFile f = MappedIpcFile.map(file, root, "graphset", "test")) {
            Field x = f.schema.findField("x");
            assertTrue(x.getType() instanceof FixedShapeTensorType, x.toString());
            assertArrayEquals(new long[] {12, 2}, f.shape(f.indexOf("x")));
            assertEquals("{\"shape\":[12,2]}", ((FixedShapeTensorType) x.getType()).serialize());
            assertEquals("1", f.schema.getCustomMetadata().get(GraphSetIpc.META_VERSION));
        }
    }

    @Test
    void exchangeDirectoryIsPrivateAndRemovedOnClose() throws IOException {
        SharedMemoryExchange ex = SharedMemoryExchange.create(tmp);
        Path dir = ex.directory();
        assertEquals("rwx------", mode(dir));
        Path f = ex.newFile("t");
        GraphSetIpc.write(sample(), f);
        assertEquals("rw-------", mode(f));
        ex.close();
        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(f));
    }

    @Test
    void staleDirectoriesOfDeadProcessesAreRemovedAtTheNextStart() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long deadPid = p.pid();
        p.waitFor();
        long uid = SharedMemoryExchange.currentUid();
        Path stale = tmp.resolve("hepgraph-" + uid + "-" + deadPid + "-abcd");
        Files.createDirectory(stale);
        Files.writeString(stale.resolve("left.arrow"), "x");
        Path alive = tmp.resolve("hepgraph-" + uid + "-" + ProcessHandle.current().pid() + "-live");
        Files.createDirectory(alive);
        try (SharedMemoryExchange ex = SharedMemoryExchange.create(tmp)) {
            assertFalse(Files.exists(stale), "the dead process's directory is gone");
            assertTrue(Files.exists(alive), "a live process's directory stays");
            assertTrue(Files.exists(ex.directory()));
        }
    }

    @Test
    void joiningAnotherProcesssDirectoryChecksItAndRemovesOnlyOwnFiles() throws IOException {
        Path theirs = exchange.newFile("theirs");
        GraphSetIpc.write(sample(), theirs);
        Path mine;
        try (SharedMemoryExchange joined = SharedMemoryExchange.open(exchange.directory())) {
            mine = joined.newFile("mine");
            GraphSetIpc.write(sample(), mine);
        }
        assertFalse(Files.exists(mine));
        assertTrue(Files.exists(theirs));
        Path open = tmp.resolve("open");
        Files.createDirectory(
                open, SharedMemoryExchange.attribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        var e =
                assertThrows(
                        org.hepgraph.HepgraphException.InvalidArgumentException.class,
                        () -> SharedMemoryExchange.open(open));
        assertTrue(e.getMessage().contains("0700"), e.getMessage());
    }

    @Test
    void readOnlyFileIsMappedReadOnly() throws IOException {
        Path file = exchange.newFile("graphs");
        GraphSetIpc.write(sample(), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(
                Files.isWritable(file), "running as root: file permissions do not bind");
        try (MappedGraphSet mapped = GraphSetIpc.map(file, root)) {
            assertEquals(sample().get(2), mapped.graphs().get(2));
        }
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
