/**
 * Results for people: ROC plots as PNG ({@link org.hepgraph.report.RocPlot}) and results tables as
 * Markdown ({@link org.hepgraph.report.MarkdownTable}, in jvm-core so that experiments render their
 * own tables), from {@link org.hepgraph.metrics.RocCurve}s.
 */
package org.hepgraph.report;
