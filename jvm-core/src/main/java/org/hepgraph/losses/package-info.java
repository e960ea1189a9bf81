/**
 * Loss functions shared by several detectors that do not belong to one model, such as the
 * contrastive {@link org.hepgraph.losses.NtXent}.
 */
package org.hepgraph.losses;
