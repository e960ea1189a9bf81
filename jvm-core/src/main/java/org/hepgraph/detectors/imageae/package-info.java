/** The {@code imageae} kind: a convolutional autoencoder on image data sets. */
package org.hepgraph.detectors.imageae;
