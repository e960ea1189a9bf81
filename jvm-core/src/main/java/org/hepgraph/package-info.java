/**
 * hepgraph: graph-level anomaly detection on particle-collision data, on DJL's PyTorch engine.
 *
 * <p>{@link org.hepgraph.HepgraphException} is the root of every deliberate error; its subclasses
 * carry stable codes and messages that name what was wrong, where, and the fix.
 */
package org.hepgraph;
