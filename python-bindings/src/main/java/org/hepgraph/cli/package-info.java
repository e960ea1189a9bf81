/**
 * The {@code hepgraph} command line (picocli): {@code demo}, {@code train}, {@code score}, {@code
 * benchmark}, {@code models}, {@code info}. Commands only parse arguments and call library objects
 * ({@code DatasetSources}, {@code Splits}, {@code Benchmark}, {@code Detectors}); bad input ends
 * with exit code 2 and one message. Launched by {@code bin/hepgraph}, which sets the JVM flags and
 * DJL's offline mode.
 */
package org.hepgraph.cli;
