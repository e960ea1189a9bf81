/**
 * The {@code graphcl} detector: GraphCL's contrastive GIN encoder ({@link
 * org.hepgraph.detectors.graphcl.GraphCL}) trained with NT-Xent on augmented views, scored by the
 * {@link org.hepgraph.detectors.graphcl.KnnDistance} to the training embeddings. Registered by
 * {@link org.hepgraph.detectors.graphcl.GraphCLFactory}.
 */
package org.hepgraph.detectors.graphcl;
