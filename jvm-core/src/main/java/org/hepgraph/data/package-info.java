/**
 * Graphs and the data they come from: immutable {@link org.hepgraph.data.Graph}s, {@link
 * org.hepgraph.data.GraphBatch}es of NDArrays (PyG's {@code Batch}), zero-padded particle clouds,
 * the toy jet generator and jet-level kinematics.
 */
package org.hepgraph.data;
