"""Chunks, seeds and the process pool.

Work is cut into chunks of a fixed size *before* deciding how many processes run it, and chunk
``i`` of a task always gets the seed :func:`chunk_seed` derives from (recipe version, user seed,
task, i). So the output depends on (recipe, seed, n) only: one process or sixteen give the same
bytes. Each chunk runs its own Pythia (seeded) and its own numpy generator (same seed).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Chunk:
    """``count`` accepted objects of ``task`` (a process name), chunk number ``index``."""

    task: str
    index: int
    count: int
    seed: int


def chunk_seed(version: str, seed: int, task: str, index: int) -> int:
    """A Pythia seed in [1, 900 000 000] (Pythia's range) from the chunk's identity."""
    h = hashlib.sha256(f"{version}|{seed}|{task}|{index}".encode()).digest()
    return int.from_bytes(h[:8], "little") % 900_000_000 + 1


def plan(version: str, seed: int, counts: dict[str, int], size: int) -> list[Chunk]:
    """Chunks of at most ``size`` accepted objects for each task's count."""
    chunks = []
    for task, n in counts.items():
        for index, start in enumerate(range(0, n, size)):
            chunks.append(Chunk(task, index, min(size, n - start),
                                chunk_seed(version, seed, task, index)))
    return chunks


def run(worker, chunks: list[Chunk], *, processes: int | None, progress: bool, desc: str,
        unit: str) -> list:
    """``worker(chunk)`` for every chunk, in ``processes`` processes (None: one per CPU); results
    in chunk order. The bar counts accepted objects."""
    from tqdm import tqdm

    processes = min(processes or os.cpu_count() or 1, len(chunks))
    results = [None] * len(chunks)
    with tqdm(total=sum(c.count for c in chunks), desc=desc, unit=unit,
              disable=not progress) as bar:
        if processes <= 1:
            for i, c in enumerate(chunks):
                results[i] = worker(c)
                bar.update(c.count)
            return results
        # spawn, not fork: the caller may hold a Py4J gateway thread or a Pythia of its own
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(processes) as pool:
            for i, r in pool.imap_unordered(_Indexed(worker), list(enumerate(chunks))):
                results[i] = r
                bar.update(chunks[i].count)
    return results


class _Indexed:
    """Picklable wrapper that returns the chunk's position with its result."""

    def __init__(self, worker):
        self.worker = worker

    def __call__(self, item):
        i, chunk = item
        return i, self.worker(chunk)
