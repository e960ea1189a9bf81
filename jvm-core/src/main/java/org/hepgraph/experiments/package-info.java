/**
 * Experiments as library objects: train/test splits ({@link org.hepgraph.experiments.Splits},
 * GLocalKD folds, k-fold, row or label selections), the benchmark over folds × detectors, and the
 * per-row score table. A command line or a Python caller only parses arguments and calls these.
 */
package org.hepgraph.experiments;
