/**
 * Graph construction and graph transforms.
 *
 * <p>Builders ({@link org.hepgraph.transforms.KnnGraph}, {@link
 * org.hepgraph.transforms.RadiusGraph}, {@link org.hepgraph.transforms.FullyConnected}) turn
 * zero-padded particle clouds ({@link org.hepgraph.data.PaddedParticles}) into a {@link
 * org.hepgraph.data.GraphBatch} with batched NDArray code: pairwise ΔR over {@code [B, P, P]},
 * {@code topK} or a threshold, then one boolean selection. Node features come from a {@link
 * org.hepgraph.transforms.NodeFeatures} choice such as {@link
 * org.hepgraph.transforms.JetNodeFeatures#RELATIVE}. Transforms ({@link
 * org.hepgraph.transforms.SelfLoops}, {@link org.hepgraph.transforms.ToUndirected}) take a batch
 * and return a new one.
 *
 * <p>Edges point from source {@code edgeIndex[0]} to target {@code edgeIndex[1]}; a node's
 * neighbours are the sources of its incoming edges (PyG's {@code flow="source_to_target"}).
 */
package org.hepgraph.transforms;
