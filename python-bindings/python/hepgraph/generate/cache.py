"""The sample cache: one file per (recipe version, seed, size) under ``$HEPGRAPH_CACHE``
(default ``~/.cache/hepgraph/generate``). Files appear atomically (written under a temporary name,
then renamed), so an interrupted run leaves no half file behind to be taken for a hit."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path


def cache_dir() -> Path:
    """``$HEPGRAPH_CACHE`` or ``~/.cache/hepgraph/generate``."""
    env = os.environ.get("HEPGRAPH_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "hepgraph" / "generate"


def announce_hit(path: Path, what: str) -> None:
    """Tells the user where a sample came from (on stderr: the CLI's stdout lists paths only)."""
    print(f"hepgraph.generate: {what} from the cache: {path}", file=sys.stderr)


@contextlib.contextmanager
def atomic(path: Path):
    """Yields a temporary path next to ``path``; renames it to ``path`` if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def deliver(cached: Path, out) -> Path:
    """``cached`` itself, or a byte-for-byte copy of it at ``out``."""
    if out is None:
        return cached
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out)
    return out
