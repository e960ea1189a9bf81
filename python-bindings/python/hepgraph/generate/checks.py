"""Argument checks shared by jets() and events(); errors name function, argument, value, fix."""

from __future__ import annotations

import numbers

from ..errors import InvalidArgumentError


def check_n(fn: str, n) -> None:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n <= 0:
        raise InvalidArgumentError(f"hepgraph.generate.{fn}: n must be a positive integer, got "
                                   f"{n!r}; pass the number of samples, e.g. n=2000")


def check_seed(fn: str, seed) -> None:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise InvalidArgumentError(f"hepgraph.generate.{fn}: seed must be an integer >= 0, got "
                                   f"{seed!r}; e.g. seed=1")


def check_processes(fn: str, processes) -> None:
    if processes is None:
        return
    if isinstance(processes, bool) or not isinstance(processes, numbers.Integral) or processes < 1:
        raise InvalidArgumentError(f"hepgraph.generate.{fn}: processes must be None (one per CPU) "
                                   f"or an integer >= 1, got {processes!r}")
