"""Pagefind over the written site: one search index, or one per year for large catalogues.

A visitor's first query downloads Pagefind's metadata (a few bytes per indexed page) and one index
chunk per query word, so its cost grows with the index. Up to `search_split_above` entries one
index serves the whole catalogue; above it every year gets its own index under /pagefind/<tahun>/,
the search page searches the newest year first, and widening to other years merges their indexes in
the browser (Pagefind's mergeIndex). Year shards also let a rebuild skip years whose pages did not change.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .model import Catalog
from .progress import Ticker
from .writer import StagedOutput, link_file

INDEX_FOLDER = "pagefind"
# Pagefind needs about 0.24 MiB per indexed page while it runs (measured up to 50,000 pages): runs
# side by side stay within about 600 MB together, so a build of 10,000 entries stays under 1 GB.
PAGES_AT_ONCE = 2500


class SearchIndexError(Exception):
    """Pagefind did not produce an index; carries its own output."""


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: its name (a year, or "" for the single index) and the pages it holds."""

    name: str
    pages: tuple[str, ...]  # output paths of the indexed pages, e.g. inovasi/<slug>/index.html

    @property
    def folder(self) -> str:
        return f"{INDEX_FOLDER}/{self.name}/" if self.name else f"{INDEX_FOLDER}/"


@dataclass(frozen=True)
class SearchPlan:
    """How the catalogue is indexed: the shards, newest first, and those a first search uses."""

    shards: tuple[Shard, ...]

    @property
    def split(self) -> bool:
        return len(self.shards) > 1 or bool(self.shards and self.shards[0].name)

    @property
    def default_scope(self) -> tuple[str, ...]:
        """Shard names searched before the visitor picks years: all of one index, or the newest year."""
        return (self.shards[0].name,) if self.shards else ()


def plan_search(catalog: Catalog, split_above: int) -> SearchPlan:
    """One index for up to `split_above` published innovations, otherwise one per year."""
    pages = [f"{item.path.lstrip('/')}index.html" for item in catalog.innovations]
    if len(pages) <= split_above:
        return SearchPlan((Shard("", tuple(pages)),))
    by_year: dict[int, list[str]] = defaultdict(list)
    for item, page in zip(catalog.innovations, pages):
        by_year[item.year].append(page)
    return SearchPlan(tuple(Shard(str(year), tuple(by_year[year])) for year in sorted(by_year, reverse=True)))


@dataclass(frozen=True)
class IndexReport:
    """The digest of every shard's pages, for the next build, and the shards left outdated."""

    digests: Mapping[str, str]
    outdated: tuple[str, ...] = ()  # shards whose pages changed but whose old index was kept (live preview)


def index_site(
    staged: StagedOutput, plan: SearchPlan, fingerprints: Mapping[str, str], live_output: Path,
    live: Mapping[str, str], spare: Mapping[str, str], stale_ok: bool = False, ticker: Ticker = Ticker(),
) -> IndexReport:
    """Write each shard's Pagefind index into the staging folder, reusing an earlier one where its pages are unchanged.

    `fingerprints` are the pages' render fingerprints (equal fingerprints, equal bytes); `live` and
    `spare` the shard digests of the published site and of the spare generation being updated. With
    `stale_ok` (the live preview) the published index is kept even for changed pages, and a later
    full build brings it up to date.
    """
    site = staged.staging
    digests = {
        shard.name: hashlib.sha256("".join(fingerprints[page] for page in shard.pages).encode()).hexdigest()
        for shard in plan.shards
    }
    stale, outdated = [], []
    for shard in plan.shards:
        if spare.get(shard.name) == digests[shard.name] and staged.has(shard.folder + "pagefind.js"):
            pass  # the spare generation already holds this very index
        elif (stale_ok or live.get(shard.name) == digests[shard.name]) and (live_output / shard.folder / "pagefind.js").is_file():
            if live.get(shard.name) != digests[shard.name]:
                outdated.append(shard.name)
            shutil.rmtree(site / shard.folder, ignore_errors=True)
            _link_tree(live_output / shard.folder, site / shard.folder)
        else:
            shutil.rmtree(site / shard.folder, ignore_errors=True)
            stale.append(shard)
        staged.keep_tree(shard.folder)
    ticker.total(len(stale))
    if stale:
        _return_free_memory()
    if not plan.split and stale:
        _run_pagefind(site, site / INDEX_FOLDER)
        ticker.advance()
    else:
        for batch in index_batches(stale, max(1, min(2, os.cpu_count() or 1))):
            with ThreadPoolExecutor(max_workers=len(batch)) as pool:
                for _ in pool.map(lambda shard: _index_shard(site, shard), batch):
                    ticker.advance()
    # An outdated shard keeps its old digest on record, so the next full build indexes it again.
    recorded = {name: live[name] if name in outdated else digest for name, digest in digests.items()}
    return IndexReport(recorded, tuple(outdated))


def index_batches(shards: list[Shard], cores: int) -> list[tuple[Shard, ...]]:
    """Shards to index side by side, largest first: each Pagefind run keeps about one core busy, but its
    memory grows with its pages, so runs share the machine only while together they index at most
    PAGES_AT_ONCE pages (a larger shard runs alone)."""
    batches: list[list[Shard]] = []
    for shard in sorted(shards, key=lambda shard: (-len(shard.pages), shard.name)):
        fits = [batch for batch in batches if len(batch) < cores and sum(len(s.pages) for s in batch) + len(shard.pages) <= PAGES_AT_ONCE]
        if fits:
            fits[0].append(shard)
        else:
            batches.append([shard])
    return [tuple(batch) for batch in batches]


def _return_free_memory() -> None:
    """Give memory this process has freed (the pages' plans) back to the system before Pagefind, which needs
    hundreds of megabytes, runs beside it: glibc otherwise keeps it for reuse. Elsewhere this does nothing."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link an unchanged index into the new site (Pagefind replaces files, never edits them)."""
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        link_file(path, destination)


def _index_shard(site: Path, shard: Shard) -> None:
    """Index only the shard's pages: Pagefind reads a folder of hard links to them, with the same URLs."""
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site.parent) as scratch:
        for page in shard.pages:
            link = Path(scratch) / page
            link.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / page, link)
            except OSError:  # file systems without hard links
                shutil.copyfile(site / page, link)
        _run_pagefind(Path(scratch), site / shard.folder)


def _run_pagefind(site: Path, output: Path) -> None:
    """Run the pinned Pagefind binary (pagefind-bin) over `site`, writing its bundle into `output`."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--output-path", str(output), "--silent"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        raise SearchIndexError((result.stdout + result.stderr).strip())
