/**
 * Message passing without scatter_add: the {@link org.hepgraph.nn.MessagePassing} base, segment
 * reductions by padded gather, the layers (GCN, GIN, GINE, EdgeConv, GAT, SAGE), global pooling and
 * the MLP. Every layer is a DJL block built with a builder.
 */
package org.hepgraph.nn;
