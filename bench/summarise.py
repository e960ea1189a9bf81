"""Medians and ratios of bench/run.sh's results (one line per run: SIDE tool MODEL MODE ...)."""

import re
import statistics
import sys
from collections import defaultdict


def main(path):
    wall = defaultdict(list)
    cpu = defaultdict(list)
    for line in open(path):
        side, _, model, mode = line.split()[:4]
        wall[(side, model, mode)].append(float(re.search(r" graphs/s=([\d.]+)", line).group(1)))
        cpu[(side, model, mode)].append(float(re.search(r"cpu_graphs/s=([\d.]+)", line).group(1)))
    print("| model | mode | trials | before | after | PyG | after/before | before/PyG | after/PyG | after/PyG (CPU time) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for model in ("ocgin", "gae"):
        for mode in ("train", "score"):
            med = {s: statistics.median(wall[(s, model, mode)]) for s in ("before", "after", "pyg")}
            cmed = {s: statistics.median(cpu[(s, model, mode)]) for s in ("after", "pyg")}
            n = len(wall[("after", model, mode)])
            print(
                f"| {model} | {mode} | {n} | {med['before']:.0f} | {med['after']:.0f} | "
                f"{med['pyg']:.0f} | {med['after'] / med['before']:.2f} | "
                f"{med['before'] / med['pyg']:.2f} | {med['after'] / med['pyg']:.2f} | "
                f"{cmed['after'] / cmed['pyg']:.2f} |"
            )
    print("(graphs per second, medians over trials; ratios are ratios of medians)")


if __name__ == "__main__":
    main(sys.argv[1])
