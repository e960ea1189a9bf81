/**
 * The GIN-based detector kinds: {@code ocgin} ({@link org.hepgraph.models.OCGIN}) and {@code gae}
 * ({@link org.hepgraph.models.GraphAutoencoder}), each with its config record and factory, sharing
 * one detector class whose score is the model's loss evaluated without training behaviour.
 */
package org.hepgraph.detectors.gin;
