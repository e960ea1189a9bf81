"""A quiet, seeded Pythia 8 and the visible final state of its current event as numpy arrays."""

from __future__ import annotations

import numpy as np

from ..errors import InvalidArgumentError
from .recipes import COMMON


def make_pythia(settings: tuple[str, ...], seed: int):
    """A Pythia 8 instance with ``settings``, quiet and seeded with ``seed`` (1..900 000 000)."""
    import pythia8mc  # lazy: only generation needs it

    p = pythia8mc.Pythia("", False)  # False: no banner
    for s in COMMON + tuple(settings) + (f"Random:seed = {seed}",):
        if not p.readString(s):
            raise InvalidArgumentError(f"hepgraph.generate: Pythia refused the setting {s!r}; "
                                       "fix the recipe in hepgraph/generate/recipes.py")
    if not p.init():
        raise InvalidArgumentError(
            f"hepgraph.generate: Pythia failed to initialise with {settings}")
    return p


def visible_final(event) -> dict[str, np.ndarray]:
    """The visible final-state particles of a Pythia event record: ``px, py, pz, e`` (GeV, float64)
    and ``id`` (PDG id), ``charged`` (bool), one entry per particle."""
    rows = []
    for i in range(event.size()):
        q = event[i]
        if q.isFinal() and q.isVisible():
            rows.append((q.px(), q.py(), q.pz(), q.e(), q.id(), q.isCharged()))
    a = np.array(rows, dtype=np.float64).reshape(-1, 6)
    return {"px": a[:, 0], "py": a[:, 1], "pz": a[:, 2], "e": a[:, 3],
            "id": a[:, 4].astype(np.int64), "charged": a[:, 5] > 0}
