/** The size-only baseline ({@code size}): a detector that needs no gradient and skips the loop. */
package org.hepgraph.detectors.size;
