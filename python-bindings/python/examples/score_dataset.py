"""Fit a detector on a data set and write one score per graph: the same script under CPython
(``python score_dataset.py OUT``, the engine in a JVM reached through Py4J) and inside the JVM
(``bin/hepgraph run score_dataset.py OUT``, GraalPy, no CPython). Only ``hepgraph`` and the
standard library are used, so it runs where numpy and torch are not installed.

    python score_dataset.py scores.txt --dataset tu:AIDS --epochs 3 --seed 1
    bin/hepgraph run python-bindings/python/examples/score_dataset.py scores.txt

Writes one score per line (``repr`` of the float, so nothing is lost in the text) and prints the
number of graphs and, when the set is labelled, the ROC AUC with label 1 as the positive class.
"""

import argparse
import sys

import hepgraph as hg


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", help="file to write the scores to, one per line")
    p.add_argument("--dataset", default="tu:AIDS", help="data set URI (default: tu:AIDS)")
    p.add_argument("--kind", default="ocgin", help="detector kind (default: ocgin)")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)

    ds = hg.dataset(args.dataset)
    with hg.Detector(args.kind, epochs=args.epochs, seed=args.seed) as det:
        history = det.fit(ds.graphs, progress=False)
        scores = det.score(ds.graphs)
    with open(args.out, "w") as f:
        for s in scores:
            f.write(f"{float(s)!r}\n")
    line = (f"{sys.implementation.name}: {args.kind} on {args.dataset}, {history.epochs} epochs, "
            f"{len(scores)} scores")
    labels = ds.graphs.labels()
    if min(labels) >= 0:
        line += f", AUC {hg.metrics.roc_auc(scores, labels):.4f}"
    print(line)


if __name__ == "__main__":
    main()
