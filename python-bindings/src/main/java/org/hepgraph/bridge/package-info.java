/**
 * The Py4J gateway that the Python package {@code hepgraph} starts: {@link GatewayMain} (the JVM's
 * main class, launched by Python with a connection-file path), {@link HepgraphEntryPoint} (the
 * library objects Python may reach), {@link DetectorHandle} and {@link TrainingJob} (a detector and
 * its training run as Python sees them).
 *
 * <p>Py4J carries calls only; graphs and tensors travel through the shared-memory data plane. The
 * gateway never reaches CLI internals: it calls the same library objects a Java program does.
 */
package org.hepgraph.bridge;
