/**
 * Data sources by scheme ({@link org.hepgraph.io.DatasetSources}: {@code toy:}, {@code tu:NAME},
 * {@code h5:FILE}, discovered through {@code ServiceLoader}), the checks a user's jets need before
 * they become graphs ({@link org.hepgraph.io.JetGraphs}), output files checked before work starts
 * ({@link org.hepgraph.io.OutputFiles}) and where the data live ({@link
 * org.hepgraph.io.DataPaths}). Format-specific readers sit in sub-packages: {@code tu} (TUDataset
 * text), {@code hdf5} (jet files through jHDF), {@code csv} (event CSVs with a declared column
 * mapping).
 */
package org.hepgraph.io;
