"""GraphCL's float32 trace and the one ReLU that rounding decides.

GraphCL's projection head is ``Linear → ReLU → Linear``. When, at some step, one hidden unit's
pre-activation for one row (graph, view) lies within float32 rounding of 0, the two sides' ~1e-7
differences decide which side of the kink it falls on: one passes that row's gradient through the
unit, the other does not. The step's gradient of that unit's weights then differs by one row's
contribution (~1e-2), Adam turns it into an update difference of ~1e-5, and the traces part by
~1e-4 over the next steps. Nothing computed differs; the ReLU is decided by rounding.

This module finds that entry in the reference and re-runs the reference with that one entry on
the other side of the kink (``x`` passed with gradient 1 when the reference had ``x ≤ 0``, 0 with
gradient 0 when it had ``x > 0``), everything else unchanged:

- ``nearest_edges(ref, steps, second)``: per step, the projection ReLU input nearest to 0,
  ``Edge(step, call, row, unit, value)`` (``call`` 0 = first view, 1 = second view);
- ``flipped(edge)``: a context manager that hooks GraphCL's projection ReLU so that exactly that
  entry takes the other branch.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Edge:
    step: int
    call: int
    row: int
    unit: int
    value: float


def nearest_edges(ref, steps, second) -> tuple[list, list[Edge]]:
    """Trains ``ref`` (a ``ReferenceTrace`` of GraphCL) on ``steps`` and returns its step losses
    and, per step, the projection ReLU input entry nearest to 0 (the loss calls the head twice per
    step, first view then second)."""
    seen = []

    def hook(module, inputs, output):
        x = inputs[0].detach()
        j = int(x.abs().argmin())
        row, unit = divmod(j, x.shape[1])
        seen.append((len(seen), row, unit, float(x[row, unit])))

    handle = ref.model.projection.act.register_forward_hook(hook)
    try:
        losses = ref.train(steps, second)
    finally:
        handle.remove()
    edges = []
    for step in range(len(steps)):
        a, b = seen[2 * step], seen[2 * step + 1]
        n, row, unit, value = min((a, b), key=lambda c: abs(c[3]))
        edges.append(Edge(step, n % 2, row, unit, value))
    return losses, edges


@contextmanager
def flipped(model, edge: Edge):
    """While active, the projection ReLU of ``model`` takes the other branch for ``edge``'s one
    entry at ``edge``'s step and view; every other entry and call is plain ReLU."""
    count = [0]
    target = 2 * edge.step + edge.call

    def hook(module, inputs, output):
        n = count[0]
        count[0] += 1
        if n != target:
            return None
        x = inputs[0]
        mask = torch.zeros_like(output, dtype=torch.bool)
        mask[edge.row, edge.unit] = True
        through = 1.0 if float(x[edge.row, edge.unit]) <= 0 else 0.0
        return torch.where(mask, x * through, output)

    handle = model.projection.act.register_forward_hook(hook)
    try:
        yield
    finally:
        handle.remove()
