/**
 * TUDataset text format ({@link org.hepgraph.io.tu.TuDatasetReader}) and the {@code tu:NAME} data
 * source ({@link org.hepgraph.io.tu.TuSource}); the GLocalKD anomaly splits themselves are pure
 * logic and live in {@link org.hepgraph.experiments.GlocalkdFolds}.
 */
package org.hepgraph.io.tu;
