/**
 * Training and scoring: the {@link org.hepgraph.train.Detector} that owns a model's native memory,
 * the {@link org.hepgraph.train.Trainer}, the progress bar and the one place a device is chosen.
 */
package org.hepgraph.train;
