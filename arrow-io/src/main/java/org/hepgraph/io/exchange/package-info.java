/**
 * The data plane between hepgraph's JVM and Python: tensors and {@link org.hepgraph.data.GraphSet}s
 * as Arrow IPC files in a private shared-memory directory ({@link
 * org.hepgraph.io.exchange.SharedMemoryExchange}), memory-mapped by both processes.
 *
 * <p>Every field is an {@code arrow.fixed_shape_tensor} ({@link
 * org.hepgraph.io.exchange.FixedShapeTensorType}), so pyarrow reads it as its own {@code
 * FixedShapeTensorArray}. Readers map the file, wrap the mapping as one {@code ArrowBuf} and slice
 * the record batch's buffers out of it: a {@link org.hepgraph.io.exchange.MappedGraphSet} or {@link
 * org.hepgraph.io.exchange.MappedTensor} is a view of the file, never a copy. The schema is
 * documented in {@link org.hepgraph.io.exchange.GraphSetIpc}.
 */
package org.hepgraph.io.exchange;
