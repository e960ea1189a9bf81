/**
 * Random graph augmentations for contrastive learning, on host arrays.
 *
 * <p>{@link org.hepgraph.transforms.augment.NodeDrop}, {@link
 * org.hepgraph.transforms.augment.EdgePerturbation} and {@link
 * org.hepgraph.transforms.augment.FeatureMask} follow GraphCL (You et al., NeurIPS 2020); {@link
 * org.hepgraph.transforms.augment.GraphAugmentation#compose} chains them. Each takes a {@link
 * java.util.Random}, so a seed fixes every view.
 */
package org.hepgraph.transforms.augment;
