/**
 * {@code hepgraph run script.py}: the Python package run inside this JVM by GraalPy 25.0.3 (no
 * CPython, no Py4J). {@link GraalPyRunner} builds the context and runs the script; {@link
 * InProcessBridge} is what the package's in-process session calls besides the same {@link
 * org.hepgraph.bridge.HepgraphEntryPoint} the Py4J gateway serves: buffer addresses, so tensors
 * reach Python as views of Java's own memory (no copy).
 */
package org.hepgraph.graalpy;
