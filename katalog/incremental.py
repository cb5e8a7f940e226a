"""Pages rendered on every core, and only those whose inputs changed since the previous build.

Each planned page gets a fingerprint: a digest of its template set, the shared context and its own
context (records are digested once each). A page whose fingerprint matches the previous build's is
not rendered: its file is kept from the spare generation or hard-linked from the published site,
so it is neither recomputed nor rewritten. The fingerprints are a page's whole input, so a
rebuild equals a cold build byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PosixPath
from typing import Any, Callable, Mapping, Sequence

import jinja2

from .buildcache import code_digest
from .model import Innovation, Opd
from .progress import Ticker
from .writer import StagedOutput, replace_file

RECORDS = (Innovation, Opd)  # content records, digested whole
# Below this many pages to render, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400
CHUNK_PAGES = 100  # pages per chunk a worker renders at once


@dataclass(frozen=True)
class Lazy:
    """A context value computed only if its page is rendered (Markdown, QR codes): function(*args)."""

    function: Callable[..., Any]
    args: tuple


@dataclass(frozen=True)
class PageSpec:
    """One page to produce: where, with which layout, and its context (values may be Lazy)."""

    path: str
    template: str
    context: Mapping[str, Any]


@dataclass(frozen=True)
class RenderReport:
    """How many pages were rendered anew (the others were carried over unchanged)."""

    rendered: int
    fingerprints: Mapping[str, str]  # output path -> fingerprint, for the next build


_PRIMITIVES = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime, PosixPath})


class Fingerprinter:
    """Digests of context values; each record (a dataclass instance) is digested once per build."""

    def __init__(self) -> None:
        self._memo: dict[int, bytes] = {}
        self._keep: list[object] = []  # keeps memoised objects alive, so their ids stay unique
        self._fields: dict[type, tuple[str, ...]] = {}

    def page(self, context: Mapping[str, Any]) -> bytes:
        """The digest of one page's context (not memoised: each page has its own)."""
        return hashlib.sha256(b"\0".join(key.encode() + b"=" + self.digest(value) for key, value in context.items())).digest()

    def digest(self, value: Any) -> bytes:
        kind = type(value)
        if kind in _PRIMITIVES:  # the common case first, by exact type
            return repr(value).encode()
        key = id(value)
        memoised = self._memo.get(key)
        if memoised is not None:
            return memoised
        if isinstance(value, (str, int, float, dt.date, Path, Enum)):  # subclasses (Markup, ...)
            return kind.__name__.encode() + repr(value).encode()
        if isinstance(value, bytes):
            return hashlib.sha256(value).digest()
        if isinstance(value, RECORDS):  # flat records: their repr is complete and stable (pickle's is not)
            parts = [repr(value).encode()]
        elif kind is Lazy:
            parts = [value.function.__module__.encode(), value.function.__qualname__.encode(), self.digest(value.args)]
        elif dataclasses.is_dataclass(value):
            names = self._fields.get(kind)
            if names is None:
                names = self._fields[kind] = tuple(field.name for field in dataclasses.fields(value))
            parts = [kind.__qualname__.encode(), *(self.digest(getattr(value, name)) for name in names)]
        elif kind in (dict, list) and (plain := _plain_json(value)) is not None:
            parts = [plain]  # JSON-like data (JSON-LD, link maps): serialised at C speed
        elif isinstance(value, Mapping):
            parts = [b"{"] + [self.digest(k) + b":" + self.digest(v) for k, v in value.items()]
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
            memo = self._memo  # listings repeat the same records on many pages: look them up directly
            parts = [b"["] + [memo.get(id(item)) or self.digest(item) for item in items]
        else:
            raise TypeError(f"cannot fingerprint a {kind.__name__} in a page context")
        result = hashlib.sha256(b"\0".join(parts)).digest()
        self._memo[key] = result
        self._keep.append(value)
        return result


def _plain_json(value: dict | list) -> bytes | None:
    """`value` as JSON when it holds only strings, numbers, booleans, None, lists and dicts; else None."""
    try:
        return json.dumps(value, ensure_ascii=False, default=_not_plain).encode()
    except (TypeError, ValueError):
        return None


def _not_plain(value: object) -> None:
    raise TypeError(type(value).__name__)


def folder_digest(folder: Path) -> str:
    """A digest of every file in `folder`, by relative path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# The plan of the render in progress, inherited by forked workers instead of being pickled to them.
_JOB: dict[str, Any] = {}


def render_pages(
    specs: Sequence[PageSpec], common: Mapping[str, Any], environment: Callable[[], jinja2.Environment],
    staged: StagedOutput, live_output: Path, live: Mapping[str, str], spare: Mapping[str, str], layouts: str,
    ticker: Ticker = Ticker(),
) -> RenderReport:
    """Put every page of `specs` into the staging folder, rendering only those whose fingerprint is new.

    `layouts` is the digest of every layout (folder_digest), since a page's template may include or
    extend any other. `live` and `spare` are the fingerprints of the published site and of the spare generation the
    staging folder started from: a page equal to the spare's is kept, one equal to the published
    site's is hard-linked from it, any other is rendered (on every core when there are many).
    """
    fingerprinter = Fingerprinter()
    shared = hashlib.sha256(
        code_digest().encode() + layouts.encode() + fingerprinter.digest(common)
    ).digest()
    fingerprints = {
        spec.path: hashlib.sha256(shared + spec.path.encode() + spec.template.encode() + fingerprinter.page(spec.context)).hexdigest()
        for spec in specs
    }
    jobs = []
    for spec in specs:
        fingerprint = fingerprints[spec.path]
        if spare.get(spec.path) == fingerprint and staged.has(spec.path):
            staged.keep(spec.path)
        elif live.get(spec.path) == fingerprint and (live_output / spec.path).is_file():
            staged.link(spec.path, live_output / spec.path)
        else:
            jobs.append((spec, staged.reserve(spec.path)))
    _JOB.update(jobs=jobs, common=common, environment=environment)
    ticker.total(len(jobs))
    try:
        workers = os.cpu_count() or 1
        indexes = list(range(len(jobs)))
        if workers > 1 and len(jobs) >= PARALLEL_THRESHOLD:
            # Interleaved chunks even out slow and fast pages; small enough for progress to move steadily.
            count = max(workers * 4, len(jobs) // CHUNK_PAGES)
            chunks = [indexes[start::count] for start in range(count)]
            # fork: workers inherit the plan (records, contexts) without pickling it.
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for chunk in pool.map(_render_chunk, chunks):
                    ticker.advance(len(chunk))
        else:
            for index in indexes:
                _render_chunk([index])
                ticker.advance()
    finally:
        _JOB.clear()
    return RenderReport(len(jobs), fingerprints)


def _render_chunk(indexes: list[int]) -> list[int]:
    jobs, common = _JOB["jobs"], _JOB["common"]
    env = _JOB.get("env")
    if env is None:  # one environment per process, so each template is compiled once
        env = _JOB["env"] = _JOB["environment"]()
    for index in indexes:
        spec, target = jobs[index]
        replace_file(target, render_page(spec, common, env))
    return indexes


def render_page(spec: PageSpec, common: Mapping[str, Any], env: jinja2.Environment) -> bytes:
    """One page's HTML, its lazy context values computed now."""
    context = {key: value.function(*value.args) if isinstance(value, Lazy) else value for key, value in spec.context.items()}
    return env.get_template(spec.template).render(**common, **context).encode("utf-8")
