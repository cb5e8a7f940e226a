"""A long build's progress on a terminal: the stage, items done of all, elapsed time and rate (tqdm).

Only when standard error is a terminal: CI logs and pipes get nothing but the build's summary.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from tqdm import tqdm

UPDATE_SECONDS = 0.25  # the line is redrawn at most this often


@dataclass
class Ticker:
    """Counts one stage's items; a stage without a terminal counts into nothing."""

    bar: tqdm | None = None

    def total(self, items: int) -> None:
        """How many items the stage will handle, once it knows."""
        if self.bar is not None:
            self.bar.bar_format = None  # from "stage: elapsed" to tqdm's bar, count, elapsed<remaining and rate
            self.bar.reset(total=items)

    def advance(self, items: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(items)


@dataclass
class Progress:
    """Draws one line per running stage on `stream` when it is a terminal."""

    stream: TextIO = field(default_factory=lambda: sys.stderr)
    enabled: bool | None = None  # None: only when `stream` is a terminal

    def __post_init__(self) -> None:
        if self.enabled is None:
            self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def start(self, name: str) -> Ticker:
        if not self.enabled:
            return Ticker()
        bar = tqdm(
            desc=name, total=None, unit="", bar_format="{desc}: {elapsed}", file=self.stream, leave=False, mininterval=UPDATE_SECONDS, dynamic_ncols=True,
        )
        return Ticker(bar)

    @staticmethod
    def finish(ticker: Ticker) -> None:
        if ticker.bar is not None:
            ticker.bar.close()
