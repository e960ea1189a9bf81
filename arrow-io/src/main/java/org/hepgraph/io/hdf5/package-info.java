/**
 * HDF5 jet files through jHDF ({@link org.hepgraph.io.hdf5.JetHdf5}): zero-padded particle clouds
 * {@code [N, P, F]} with counts and labels.
 */
package org.hepgraph.io.hdf5;
