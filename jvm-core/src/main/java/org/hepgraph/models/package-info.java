/**
 * Architectures of graph-level anomaly models trained on normal graphs only (OCGIN, the graph
 * autoencoder, their GIN encoder) as DJL blocks, with the feature standardisation they carry. The
 * detectors that train, score and save them live in {@code org.hepgraph.detectors}.
 */
package org.hepgraph.models;
