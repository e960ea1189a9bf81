/**
 * Registry kind {@code svdd}: Deep SVDD around an encoder given as a {@link
 * org.hepgraph.nn.LayerSpecs} spec (what {@code hepgraph.from_pyg} sends), so that a model built
 * elsewhere (a PyG module) is trained in Java with the one-class objective and handed back.
 */
package org.hepgraph.detectors.svdd;
