/**
 * Graphs and the data they come from: {@link org.hepgraph.data.GraphSet} (many graphs in columns,
 * one little-endian direct buffer per field, PyG's {@code InMemoryDataset}) whose {@link
 * org.hepgraph.data.Graph}s are views, {@link org.hepgraph.data.GraphBatch}es of NDArrays (PyG's
 * {@code Batch}) gathered from it, each with its {@link org.hepgraph.data.EdgePlan} (the index
 * structures every layer and pool reads, built once per batch), zero-padded particle clouds, the
 * toy jet generator and jet-level kinematics.
 */
package org.hepgraph.data;
