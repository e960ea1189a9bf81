/**
 * The {@code hepgraph} command line (picocli): {@code demo}, {@code train}, {@code score}, {@code
 * benchmark}. Launched by {@code bin/hepgraph}, which sets the JVM flags and DJL's offline mode.
 */
package org.hepgraph.cli;
