/**
 * Image data sets: {@code images:FILE} (HDF5 images, the ML4SCI electron/photon layout and jet
 * images) and {@code jetimages:URI} (jet images made from any jet source's rows), both as image
 * data sets in the sense of {@link org.hepgraph.datasets.ImageLayout}.
 */
package org.hepgraph.io.images;
