"""Spreading independent per-file work over the machine's cores."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 800
CHUNK_SIZE = 250


def map_chunks(
    function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], workers: int | None = None,
    threshold: int = PARALLEL_THRESHOLD, chunk_size: int = CHUNK_SIZE,
) -> list[Result]:
    """function over chunks of items, in order; in worker processes when there are at least `threshold` items."""
    workers = workers or os.cpu_count() or 1
    chunks = [items[start : start + chunk_size] for start in range(0, len(items), chunk_size)]
    if workers == 1 or len(items) < threshold:
        return [result for chunk in chunks for result in function(chunk)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [result for results in pool.map(function, chunks) for result in results]
