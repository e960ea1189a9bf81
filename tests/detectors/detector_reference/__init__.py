"""PyTorch Geometric reference implementations of hepgraph's detectors (ocgin, gae, glocalkd,
graphcl), written from the Java code (jvm-core ``org.hepgraph.models`` and
``org.hepgraph.detectors``) so that the parity suite can replay a Java training trace step by
step: same architecture, same per-graph loss, same score, same optimiser (DJL's Adam, see
:mod:`.adam`), same clipping and learning-rate schedule."""
