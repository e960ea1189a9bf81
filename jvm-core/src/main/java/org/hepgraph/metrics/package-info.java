/**
 * Figures of merit for anomaly and signal scores: {@link org.hepgraph.metrics.RocCurve} (ROC points
 * with ties, AUC, TPR at a fixed FPR, background rejection, significance improvement).
 *
 * <p>Pure Java: no tensors, no engine.
 */
package org.hepgraph.metrics;
