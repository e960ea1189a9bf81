/**
 * Results for people: ROC plots as PNG ({@link org.hepgraph.report.RocPlot}) and results tables as
 * Markdown ({@link org.hepgraph.report.MarkdownTable}), from {@link
 * org.hepgraph.metrics.RocCurve}s.
 */
package org.hepgraph.report;
