"""Simulated samples with Pythia 8 and FastJet, in the layouts the field's public data use.

    import hepgraph.generate as gen
    path = gen.jets(2000, seed=1)                  # top-tagging reference layout (pandas HDF5)
    files = gen.events(2000, signal="all", seed=1)  # {"background": ..., "Ato4l": ..., ...}

Also ``python -m hepgraph.generate jets --n 2000 --seed 1``. Recipes, the detector
parametrisation, approximations and measured speeds: docs/data.md ("Generating samples").
Samples are seeded (same recipe, seed and n give byte-identical files, whatever ``processes``)
and cached in ``$HEPGRAPH_CACHE`` (default ``~/.cache/hepgraph/generate``).
"""

from .adc2021 import events
from .cache import cache_dir
from .recipes import EVENTS_VERSION, JETS_VERSION
from .toptag import jets

__all__ = ["EVENTS_VERSION", "JETS_VERSION", "cache_dir", "events", "jets"]
