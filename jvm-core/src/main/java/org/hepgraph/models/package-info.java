/**
 * Graph-level anomaly detectors trained on normal graphs only (OCGIN, the graph autoencoder), their
 * configuration, and the versioned model format.
 */
package org.hepgraph.models;
