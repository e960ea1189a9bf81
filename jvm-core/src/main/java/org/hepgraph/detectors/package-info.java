/**
 * The open detector API: {@link org.hepgraph.detectors.AnomalyDetector} and its per-kind {@link
 * org.hepgraph.detectors.DetectorConfig}, the {@link org.hepgraph.detectors.Detectors} registry of
 * {@link org.hepgraph.detectors.DetectorFactory} services, and the versioned model format {@link
 * org.hepgraph.detectors.DetectorIO}. Sits above {@code models} (architectures) and {@code train}
 * (the loop), which know nothing of it.
 */
package org.hepgraph.detectors;
