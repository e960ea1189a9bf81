/**
 * TUDataset text format ({@link org.hepgraph.io.tu.TuDatasetReader}) and the graph-level
 * anomaly-detection splits used by GLocalKD and GLADC ({@link org.hepgraph.io.tu.AnomalySplit}).
 */
package org.hepgraph.io.tu;
