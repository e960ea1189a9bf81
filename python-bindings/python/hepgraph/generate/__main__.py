"""``python -m hepgraph.generate jets|events ...``: generates (or finds in the cache) samples and
prints the written paths, one per line. Bad arguments exit with code 2 and a one-line message."""

from __future__ import annotations

import argparse
import sys

from ..errors import HepgraphError


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m hepgraph.generate",
                                 description="Pythia 8 + FastJet samples (docs/data.md)")
    sub = ap.add_subparsers(dest="what", required=True)
    j = sub.add_parser("jets", help="top-tagging jets, half QCD half top (reference layout)")
    j.add_argument("--out", help="copy the file here (default: print the cache path)")
    e = sub.add_parser("events", help="ADC2021-layout events, one file per process")
    e.add_argument("--signal", default="all",
                   help="all, none, or comma-separated Ato4l,leptoquark,hToTauTau,hChToTauNu")
    e.add_argument("--out", help="copy the files into this folder")
    for p in (j, e):
        p.add_argument("--n", type=int, default=2000,
                       help="jets in total / events per file (default 2000)")
        p.add_argument("--seed", type=int, default=1, help="seed (default 1)")
        p.add_argument("--processes", type=int, default=None,
                       help="worker processes (default: one per CPU)")
        p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return ap


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.what == "jets":
            from .toptag import jets

            paths = [jets(args.n, seed=args.seed, out=args.out, processes=args.processes,
                          progress=not args.no_progress)]
        else:
            from .adc2021 import events

            signal = args.signal if args.signal in ("all", "none") else args.signal.split(",")
            paths = list(events(args.n, signal=signal, seed=args.seed, out=args.out,
                                processes=args.processes,
                                progress=not args.no_progress).values())
    except HepgraphError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for p in paths:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
