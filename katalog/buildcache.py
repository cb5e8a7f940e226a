"""What a build keeps between runs under <root>/.cache/katalog, so unchanged work is not redone.

Every store is keyed by a digest of the generator's own code and schemas, so a new version of the
generator never reads results of an older one. A damaged or missing store is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the generator itself: its Python modules, schemas and locale files."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def digest_of(*parts: object) -> str:
    """A short digest of values whose repr is stable (strings, numbers, frozen dataclasses, tuples)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def file_signature(path: Path) -> tuple[int, int, int]:
    """(size, modification time, inode): changes whenever the file is written, as make and git assume."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


class Store:
    """One pickled dictionary in the cache folder, replaced atomically; any older `<name>-*` file is removed."""

    def __init__(self, cache: Path, name: str, key: str) -> None:
        self.folder = cache
        self.name = name
        self.path = cache / f"{name}-{key}.pickle"

    def load(self) -> dict[Any, Any]:
        try:
            with self.path.open("rb") as stream:
                data = pickle.load(stream)
        except Exception:  # missing, truncated by a killed build, or from another Python: start afresh
            return {}
        return data if isinstance(data, dict) else {}

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def save(self, data: dict[Any, Any]) -> None:
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as stream:
                pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:  # a read-only checkout still checks and builds, only without the speed-up
            temporary.unlink(missing_ok=True)
            return
        for stale in self.folder.glob(f"{self.name}-*.pickle"):
            if stale != self.path:
                stale.unlink(missing_ok=True)
