/**
 * The training loop, which knows nothing of any model: {@link org.hepgraph.train.TrainingLoop}
 * minimises an {@link org.hepgraph.train.Objective} over the steps a {@link
 * org.hepgraph.train.BatchSource} yields, updating {@link org.hepgraph.train.ParameterGroup}s, and
 * tells {@link org.hepgraph.train.TrainingListener}s (progress, early stopping, checkpoints,
 * metrics) what it did. Settings and their defaults: {@link org.hepgraph.train.TrainingConfig}.
 */
package org.hepgraph.train;
