/**
 * The {@code glocalkd} detector: GLocalKD's random knowledge distillation ({@link
 * org.hepgraph.detectors.glocalkd.GLocalKD}: a frozen random teacher GIN, a trained student),
 * registered by {@link org.hepgraph.detectors.glocalkd.GLocalKDFactory}.
 */
package org.hepgraph.detectors.glocalkd;
