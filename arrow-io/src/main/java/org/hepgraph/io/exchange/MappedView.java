package org.hepgraph.io.exchange;

import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/** What every view of a memory-mapped Arrow IPC file tells about its mapping, and its closing. */
abstract class MappedView implements AutoCloseable {

    final MappedIpcFile file;

    MappedView(MappedIpcFile file) {
        this.file = file;
    }

    /** The mapped file. */
    public Path path() {
        return file.path;
    }

    /** The address of the first mapped byte (for checks that data lie inside the mapping). */
    public long mappingAddress() {
        return file.address();
    }

    /** The size of the mapping in bytes. */
    public long mappingSize() {
        return file.byteSize();
    }

    /** The child allocator that accounts the mapping (closed by {@link #close()}). */
    public BufferAllocator allocator() {
        return file.allocator();
    }

    /** Releases the mapping; the view must not be used afterwards. */
    @Override
    public void close() {
        file.close();
    }
}
