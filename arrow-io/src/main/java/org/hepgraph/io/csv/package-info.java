/**
 * Event CSVs (one event per row, e.g. the CMS open-data files): a strict streaming CSV reader
 * ({@link org.hepgraph.io.csv.CsvRecords}), the declared column mapping ({@link
 * org.hepgraph.io.csv.LeptonMapping}: built-in layouts or custom), lepton features per row ({@link
 * org.hepgraph.io.csv.LeptonEvents}), graphs or flat vectors ({@link
 * org.hepgraph.io.csv.LeptonGraphs}) and the {@code csv:} data source ({@link
 * org.hepgraph.io.csv.CsvSource}).
 */
package org.hepgraph.io.csv;
