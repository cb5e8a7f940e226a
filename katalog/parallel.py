"""Spreading independent per-file work over the machine's cores."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 800
CHUNK_SIZE = 250


def map_chunks(
    function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], workers: int | None = None,
    threshold: int = PARALLEL_THRESHOLD, chunk_size: int = CHUNK_SIZE, done: Callable[[int], None] | None = None,
) -> list[Result]:
    """function over chunks of items, in order; in worker processes when there are at least `threshold` items.

    `done(n)` is told as each chunk of n items is finished (for progress).
    """
    workers = workers or os.cpu_count() or 1
    chunks = [items[start : start + chunk_size] for start in range(0, len(items), chunk_size)]
    if workers == 1 or len(items) < threshold:
        return _gather(chunks, map(function, chunks), done)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return _gather(chunks, pool.map(function, chunks), done)


def _gather(chunks: list[Sequence], results: Iterable[list[Result]], done: Callable[[int], None] | None) -> list[Result]:
    """The chunks' results in order, telling `done` as each chunk's arrive."""
    gathered = []
    for chunk, chunk_results in zip(chunks, results):
        gathered += chunk_results
        if done is not None:
            done(len(chunk))
    return gathered
