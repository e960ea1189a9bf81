/**
 * Data sets as library objects: a {@link org.hepgraph.datasets.DatasetSource} resolved by scheme
 * ({@code toy:}, {@code tu:NAME}, {@code h5:FILE}; registered through {@code ServiceLoader}, the
 * file-reading ones in arrow-io) yields a {@link org.hepgraph.datasets.Dataset}: graphs, the file's
 * row id of each graph, labels when the source has them, and the {@link
 * org.hepgraph.datasets.GraphRecipe} that built the graphs (saved with a model so that scoring
 * rebuilds graphs the same way).
 */
package org.hepgraph.datasets;
