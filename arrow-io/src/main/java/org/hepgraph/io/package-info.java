/**
 * Data formats shared by every reader: where the data live ({@link org.hepgraph.io.DataPaths}).
 * Format-specific readers sit in sub-packages: {@code tu} (TUDataset text), {@code hdf5} (jet files
 * through jHDF).
 */
package org.hepgraph.io;
